#include "ui/fields.h"

#include "ui/statusstyle.h"

#include <QAction>
#include <QLabel>
#include <QVBoxLayout>

namespace duo::ui {

UrlField::UrlField(duo::UrlField field, bool required, QWidget* parent)
    : QWidget(parent)
    , m_field(field)
    , m_required(required)
    , m_edit(new QLineEdit(this))
    , m_message(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_message);
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    m_message->setObjectName(QStringLiteral("problem"));
    // The line's room is kept while hidden: the rows below do not jump when a message appears.
    QSizePolicy keep = m_message->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    m_message->setSizePolicy(keep);
    m_errorIcon = m_edit->addAction(statusIcon(Status::Fail), QLineEdit::TrailingPosition);
    m_errorIcon->setVisible(false);
    m_errorIcon->setText(tr("Not valid"));
    m_edit->setAccessibleName(urlFieldName(field));
    m_edit->setClearButtonEnabled(true);
    // Qt's own clear button is an unnamed action: a screen reader would say nothing.
    if (auto* clear = m_edit->findChild<QAction*>(QStringLiteral("_q_qlineeditclearaction")))
        clear->setText(tr("Clear"));
    setFocusProxy(m_edit);
    connect(m_edit, &QLineEdit::textChanged, this, &UrlField::revalidate);
    revalidate();
}

QString UrlField::text() const {
    return m_edit->text().trimmed();
}

void UrlField::setText(const QString& text) {
    m_edit->setText(text);
}

bool UrlField::isValid() const {
    return m_problem.isEmpty();
}

QString UrlField::problem() const {
    return m_problem;
}

void UrlField::setRequired(bool required) {
    if (m_required == required)
        return;
    m_required = required;
    revalidate();
}

void UrlField::revalidate() {
    const QString previous = m_problem;
    const QString value = text();
    m_problem = value.isEmpty() && !m_required ? QString() : urlProblem(m_field, value).value_or(QString());
    // An empty required field is no error to shout about: it is marked "required", which says why Next is
    // off.
    const bool show = !m_problem.isEmpty() && !value.isEmpty();
    const bool missing = value.isEmpty() && m_required;
    m_message->setText(show ? m_problem : missing ? tr("Required to continue.") : QString());
    m_message->setVisible(show || missing);
    QPalette palette = this->palette();
    if (show)
        palette.setColor(QPalette::WindowText, QColor(0xd1, 0x34, 0x38));
    else
        palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    m_message->setPalette(palette);
    m_edit->setAccessibleDescription(show ? m_problem : missing ? tr("Required") : QString());
    m_edit->setProperty("invalid", show);
    // An icon inside the field marks it; a style sheet would change the field's size and make it jump.
    m_errorIcon->setVisible(show);
    m_errorIcon->setToolTip(m_problem);
    if (previous != m_problem)
        emit validityChanged();
}

SecretField::SecretField(QWidget* parent)
    : QLineEdit(parent) {
    setEchoMode(QLineEdit::Password);
    auto* toggle = addAction(QIcon(), QLineEdit::TrailingPosition);
    toggle->setText(tr("Show"));
    toggle->setToolTip(tr("Show or hide the secret"));
    toggle->setCheckable(true);
    // A text-only action renders as nothing: draw its label as the icon.
    auto updateToggle = [this, toggle](bool shown) {
        setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        toggle->setText(shown ? tr("Hide") : tr("Show"));
        toggle->setIcon(
            QIcon::fromTheme(shown ? QStringLiteral("view-hidden") : QStringLiteral("view-visible"),
                             QIcon(QStringLiteral(":/duo/icons/eye.svg"))));
    };
    connect(toggle, &QAction::toggled, this, updateToggle);
    updateToggle(false);
    setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
}

} // namespace duo::ui
