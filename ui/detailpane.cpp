#include "ui/detailpane.h"

#include "core/engine/catalog.h"
#include "core/engine/evidence.h"
#include "core/reports/evidencetables.h"
#include "ui/clipboard.h"
#include "ui/statusstyle.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QStyle>
#include <QTextEdit>
#include <QVBoxLayout>

namespace duo::ui {

namespace {

QString evidenceText(const QJsonObject& evidence) {
    QStringList lines;
    for (auto it = evidence.begin(); it != evidence.end(); ++it) {
        if (it.key() == QLatin1String("lines") || it.key() == QLatin1String("metadata") ||
            isTableEvidence(it.key()))
            continue;
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isBool())
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (value.isDouble())
            text = QString::number(value.toDouble());
        else
            text = QString::fromUtf8(QJsonDocument(value.isArray() ? QJsonDocument(value.toArray())
                                                                   : QJsonDocument(value.toObject()))
                                         .toJson(QJsonDocument::Compact));
        if (text.size() > 300)
            text = text.left(299) + QChar(0x2026);
        lines.append(it.key() + QStringLiteral(": ") + text);
    }
    for (const EvidenceTable& table : evidenceTables(evidence))
        lines.append(table.key + QStringLiteral(":\n") + plainTable(table, QStringLiteral("  ")).chopped(1));
    return lines.join(QLatin1Char('\n'));
}

// The automatic check each manual step confirms from the inside: its fix links there.
struct RelatedCheck {
    const char* step;
    const char* check;
};
const RelatedCheck relatedChecks[] = {
    {"manual.rake_verify", "gitlab.code_suggestions"},
    {"manual.aigw_script", "gateway.model_request"},
    {"manual.gitlab_env", "gitlab.ai_gateway_url"},
    {"manual.gitlab_http_gateway", "gitlab.gateway_probe"},
    {"manual.console_model_request", "gitlab.model_connection"},
    {"manual.user_access", "gitlab.user_access"},
    {"manual.aigw_env", "gateway.auth_bypass"},
    {"manual.aigw_health_inside", "gateway.health"},
    {"manual.aigw_model_request_inside", "gateway.model_request"},
    {"manual.model_from_gateway", "model.endpoint_address"},
    {"manual.image_platform", "gateway.health"},
};

} // namespace

DetailPane::DetailPane(QWidget* parent)
    : QWidget(parent) {
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Text wraps to the pane's width; only command blocks scroll sideways, inside themselves.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_content = new QWidget(scroll);
    m_layout = new QVBoxLayout(m_content);
    m_layout->setAlignment(Qt::AlignTop);
    scroll->setWidget(m_content);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    setAccessibleName(tr("Details of the selected check"));
    clear();
}

void DetailPane::clear() {
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        if (item->widget()) {
            item->widget()->hide(); // gone from the screen now, freed when the event loop gets to it
            item->widget()->deleteLater();
        }
        delete item;
    }
    m_paste = nullptr;
    m_checkId.clear();
    m_fix.clear();
}

QLabel* DetailPane::addText(const QString& heading, const QString& text, bool monospace) {
    if (text.trimmed().isEmpty())
        return nullptr;
    if (!heading.isEmpty()) {
        auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(heading.toHtmlEscaped()), m_content);
        title->setWordWrap(true);
        m_layout->addWidget(title);
    }
    auto* label = new QLabel(text, m_content);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    if (monospace)
        label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    label->setAccessibleName(heading.isEmpty() ? text.left(60) : heading);
    m_layout->addWidget(label);
    return label;
}

void DetailPane::addCommand(const QString& label, const QString& command) {
    auto* row = new QWidget(m_content);
    auto* layout = new QVBoxLayout(row);
    layout->setContentsMargins(0, 4, 0, 4);
    auto* header = new QHBoxLayout;
    auto* caption = new QLabel(label, row);
    caption->setWordWrap(true);
    auto* copy = new QPushButton(tr("Copy"), row);
    copy->setAccessibleName(tr("Copy command: %1").arg(label));
    header->addWidget(caption, 1);
    header->addWidget(copy);
    layout->addLayout(header);
    auto* code = new QTextEdit(row);
    code->setAcceptRichText(false);
    code->setPlainText(command);
    code->setMinimumWidth(80);
    code->setReadOnly(true);
    code->setTabChangesFocus(true);
    code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Long commands wrap (anywhere, a URL has no spaces) and the block grows with them, up to 12 lines:
    // no sideways scrolling inside the scrolling pane.
    code->setLineWrapMode(QTextEdit::WidgetWidth);
    code->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    code->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    code->setAccessibleName(label);
    const auto fit = [code] {
        const int most = code->fontMetrics().lineSpacing() * 12 + int(2 * code->document()->documentMargin());
        const int height = int(code->document()->documentLayout()->documentSize().height());
        code->setFixedHeight(std::min(height, most) + 2 * code->frameWidth());
    };
    connect(code->document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, code, fit);
    fit();
    layout->addWidget(code);
    connect(copy, &QPushButton::clicked, this, [this, command, copy] {
        copyRedacted(command, m_redactor);
        copy->setText(tr("Copied"));
    });
    m_layout->addWidget(row);
}

void DetailPane::showCheck(const CheckResult& result, const RootCause* cause) {
    // The same check shown again (its result changed): the control that had the focus keeps it, so Enter
    // after Evaluate or Re-run does not land on the wizard's buttons.
    const QWidget* focused = QApplication::focusWidget();
    const QString keepFocus =
        result.id == m_checkId && focused && isAncestorOf(focused) ? focused->objectName() : QString();
    clear();
    m_checkId = result.id;
    addHeading(result);
    addFindings(result, cause);
    addCertificateChain(result);
    if (result.vantage == Vantage::Manual)
        addPasteBox(result);
    else
        addRerunButton(result.id);
    // Shown now rather than when the layout gets to it, so the page can put them in its Tab order at once.
    for (int i = 0; i < m_layout->count(); ++i) {
        if (QWidget* widget = m_layout->itemAt(i)->widget())
            widget->show();
    }
    if (keepFocus.isEmpty())
        return;
    for (QWidget* widget : focusChain()) {
        if (widget->objectName() == keepFocus) {
            widget->setFocus(Qt::OtherFocusReason);
            break;
        }
    }
}

QList<QWidget*> DetailPane::focusChain() const {
    QList<QWidget*> chain;
    for (QWidget* widget : m_content->findChildren<QWidget*>()) {
        // Rows of the previous check are hidden until deleted: only what is on show now.
        if ((widget->focusPolicy() & Qt::TabFocus) && widget->isVisibleTo(m_content))
            chain.append(widget);
    }
    return chain;
}

// The check's title, its status and vantage, and the troubleshooting page's section it follows.
void DetailPane::addHeading(const CheckResult& result) {
    const CheckDefinition* definition = findCheck(result.id);
    const QString title = definition ? definition->translatedTitle() : result.id;
    auto* heading = new QLabel(QStringLiteral("<h3>%1</h3>").arg(title.toHtmlEscaped()), m_content);
    heading->setWordWrap(true);
    heading->setAccessibleName(title);
    m_layout->addWidget(heading);
    auto* status = new QLabel(m_content);
    status->setWordWrap(true);
    status->setText(QStringLiteral("%1 · <code>%2</code> · %3")
                        .arg(statusText(result.status).toHtmlEscaped(), result.id.toHtmlEscaped(),
                             tr("checked %1").arg(vantageText(result.vantage)).toHtmlEscaped()));
    status->setAccessibleName(tr("Status: %1").arg(statusText(result.status)));
    m_layout->addWidget(status);
    if (!definition)
        return;
    const QString section = QString::fromUtf8(definition->section);
    auto* link = new QLabel(tr("Troubleshooting page: <a href=\"%1\">%2</a>")
                                .arg(sectionUrl(section).toHtmlEscaped(), section.toHtmlEscaped()),
                            m_content);
    link->setObjectName(QStringLiteral("sectionLink"));
    link->setWordWrap(true);
    link->setOpenExternalLinks(true);
    link->setAccessibleName(tr("Troubleshooting page section: %1").arg(section));
    m_layout->addWidget(link);
}

// What was found and why, the fix and its commands.
void DetailPane::addFindings(const CheckResult& result, const RootCause* cause) {
    addText(tr("What was found"), result.summary);
    addText(tr("What was checked"), result.details);
    if (cause && !cause->explains.isEmpty())
        addExplainedChecks(*cause);
    addText(tr("Evidence"), evidenceText(result.evidence), true);
    // "Why" only when it adds to what was found.
    if (!result.summary.contains(result.explanation.trimmed()))
        addText(tr("Why"), result.explanation);
    m_fix = result.fix;
    addText(tr("How to fix it"), result.fix);
    if (result.vantage == Vantage::Manual)
        addRelatedCheck(result.id);
    for (const Command& command : result.commands)
        addCommand(command.label, command.command);
}

// The checks a root cause explains, by their titles, each a link to that check.
void DetailPane::addExplainedChecks(const RootCause& cause) {
    QStringList links;
    for (const QString& id : cause.explains) {
        const CheckDefinition* definition = findCheck(id);
        const QString title = definition ? definition->translatedTitle() : id;
        links << QStringLiteral("<a href=\"check:%1\">%2</a>").arg(id.toHtmlEscaped(), title.toHtmlEscaped());
    }
    auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(tr("Also explains").toHtmlEscaped()), m_content);
    m_layout->addWidget(title);
    auto* list = new QLabel(links.join(QStringLiteral("<br>")), m_content);
    list->setObjectName(QStringLiteral("explainedChecks"));
    list->setTextFormat(Qt::RichText);
    list->setWordWrap(true);
    list->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    list->setAccessibleName(tr("Checks this root cause explains"));
    connect(list, &QLabel::linkActivated, this,
            [this](const QString& link) { emit checkRequested(link.mid(int(qstrlen("check:")))); });
    m_layout->addWidget(list);
}

// A manual step names the automatic check it confirms, as a link to it.
void DetailPane::addRelatedCheck(const QString& stepId) {
    for (const RelatedCheck& related : relatedChecks) {
        const CheckDefinition* definition = findCheck(QString::fromLatin1(related.check));
        if (stepId != QLatin1String(related.step) || !definition)
            continue;
        auto* link = new QLabel(
            tr("The automatic check this step confirms: %1")
                .arg(QStringLiteral("<a href=\"check:%1\">%2</a>")
                         .arg(definition->id.toHtmlEscaped(), definition->translatedTitle().toHtmlEscaped())),
            m_content);
        link->setObjectName(QStringLiteral("relatedCheck"));
        link->setTextFormat(Qt::RichText);
        link->setWordWrap(true);
        link->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
        link->setAccessibleName(
            tr("The automatic check this step confirms: %1").arg(definition->translatedTitle()));
        connect(link, &QLabel::linkActivated, this,
                [this](const QString& href) { emit checkRequested(href.mid(int(qstrlen("check:")))); });
        m_layout->addWidget(link);
    }
}

// A TLS check's certificate chain and, for an untrusted one, the offer to pin it for its host.
void DetailPane::addCertificateChain(const CheckResult& result) {
    const QJsonArray chain = result.evidence.value(evidence::tlsChain).toArray();
    if (chain.isEmpty())
        return;
    QStringList lines;
    for (const QJsonValue& value : chain) {
        const QJsonObject certificate = value.toObject();
        lines << tr("%1, issued by %2, valid %3 to %4\nSHA-256 %5")
                     .arg(certificate.value(QStringLiteral("subject")).toString(),
                          certificate.value(QStringLiteral("issuer")).toString(),
                          certificate.value(QStringLiteral("valid_from")).toString(),
                          certificate.value(QStringLiteral("valid_until")).toString(),
                          certificate.value(QStringLiteral("sha256")).toString());
    }
    addText(tr("Certificate chain"), lines.join(QStringLiteral("\n")), true);
    const QString problem = result.evidence.value(evidence::problem).toString();
    if (result.status != Status::Fail ||
        (problem != QLatin1String("self_signed") && problem != QLatin1String("untrusted")))
        return;
    const QString host = result.evidence.value(evidence::host).toString();
    const QString sha256 = chain.first().toObject().value(QStringLiteral("sha256")).toString();
    auto* trust = new QPushButton(tr("Trust this certificate for %1").arg(host), m_content);
    trust->setObjectName(QStringLiteral("trustCertificate"));
    trust->setAccessibleName(tr("Trust this certificate for %1 only, by its fingerprint").arg(host));
    m_layout->addWidget(trust, 0, Qt::AlignLeft);
    connect(trust, &QPushButton::clicked, this,
            [this, id = result.id, host, sha256] { emit trustCertificateRequested(id, host, sha256); });
}

// A manual step: a box for the command's output and the button that has it judged.
void DetailPane::addPasteBox(const CheckResult& result) {
    m_layout->addWidget(
        new QLabel(QStringLiteral("<b>%1</b>").arg(tr("Paste the output here").toHtmlEscaped()), m_content));
    m_paste = new QPlainTextEdit(m_content);
    m_paste->setObjectName(QStringLiteral("manualOutput"));
    m_paste->setAccessibleName(tr("Output of the manual step"));
    m_paste->setPlaceholderText(
        tr("Paste what the command printed, then press Evaluate (Ctrl+Enter). Tab moves on to Evaluate."));
    m_paste->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_paste->setTabChangesFocus(true); // pasted output needs no typed tabs; Tab must reach Evaluate
    m_paste->setFixedHeight(120);
    if (result.manualOutput)
        m_paste->setPlainText(*result.manualOutput);
    m_layout->addWidget(m_paste);
    auto* evaluate = new QPushButton(tr("Evaluate output"), m_content);
    evaluate->setObjectName(QStringLiteral("evaluateOutput"));
    evaluate->setAccessibleName(tr("Evaluate the pasted output"));
    m_layout->addWidget(evaluate, 0, Qt::AlignLeft);
    connect(evaluate, &QPushButton::clicked, this,
            [this, id = result.id] { emit manualOutputSubmitted(id, m_paste->toPlainText()); });
    auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_paste);
    shortcut->setContext(Qt::WidgetShortcut);
    connect(shortcut, &QShortcut::activated, evaluate, &QPushButton::click);
}

void DetailPane::addRerunButton(const QString& id) {
    auto* rerun = new QPushButton(tr("Re-run this check"), m_content);
    rerun->setObjectName(QStringLiteral("rerunCheck"));
    rerun->setAccessibleName(tr("Re-run this check"));
    m_layout->addWidget(rerun, 0, Qt::AlignLeft);
    connect(rerun, &QPushButton::clicked, this, [this, id] { emit rerunRequested(id); });
}

QString DetailPane::fixText() const {
    return m_fix;
}

} // namespace duo::ui
