#pragma once

#include <QByteArrayView>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <array>
#include <bitset>
#include <cstdint>
#include <vector>

namespace duo {

struct Signature;

// A log line pattern and the signature row it is evidence of. `anchors` are literals one of which every
// matching line contains (lower case, '|' between them): the prefilter looks for them in one pass over the
// bytes, and only a line holding one is tried against the rows that own it.
struct LogPattern {
    const char* source;
    const char* anchors;
    const char* pattern;
    const char* signatureId;
};

constexpr int maxLogPatterns = 192;
using PatternSet = std::bitset<maxLogPatterns>;

struct CompiledLogPattern {
    const LogPattern* row;
    QRegularExpression expression;
    const Signature* signature;
};

// Every pattern, compiled once, with an Aho-Corasick automaton over all anchors (ASCII case folded).
class LogMatcher {
public:
    static const LogMatcher& instance();

    const QList<CompiledLogPattern>& patterns() const { return m_patterns; }
    // The first position in [from, end) where some anchor ends, or end; `hits` gets the rows it starts.
    // `state` carries the automaton from one call to the next (0 at the start).
    const char* nextHit(const char* from, const char* end, uint32_t& state, PatternSet* hits) const;
    // The row that matches the line first (table order), among the candidates; -1 when none does.
    int firstMatch(const QString& line, const PatternSet& candidates) const;
    // Every row whose anchors occur in the line (for tests: the prefilter must never hide a match).
    PatternSet candidatesIn(QByteArrayView line) const;

private:
    LogMatcher();
    void addAnchor(const QByteArray& anchor, int row);
    void build();

    QList<CompiledLogPattern> m_patterns;
    std::vector<std::array<int, 256>> m_trie; // goto function while building
    std::vector<PatternSet> m_output;         // by premultiplied state / m_classes
    std::vector<uint32_t> m_delta;            // by state (premultiplied by m_classes) + class
    std::array<uint8_t, 256> m_class{};
    int m_classes = 1;
    uint32_t m_firstOutput = 0; // premultiplied: states at or past it end an anchor (renumbered so)
};

} // namespace duo
