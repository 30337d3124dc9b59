#pragma once

#include <QHash>
#include <QSet>
#include <QStringList>

namespace kwctl {

// Arguments of one subcommand: positionals and --options, checked against what the command declares so
// that a typo is a usage error, not a silently ignored flag.
class Args {
public:
    struct Spec {
        QSet<QString> flags;  // --dry-run
        QSet<QString> values; // --reason TEXT (the last one wins)
        QSet<QString> multi;  // --service S (repeatable)
        int minPositionals = 0;
        int maxPositionals = 0; // -1: unbounded
        QString usage;          // shown with usage errors
    };

    // Parses `args`; on error returns false and sets error().
    bool parse(const QStringList& args, const Spec& spec);
    QString error() const { return m_error; }

    bool flag(const QString& name) const { return m_flags.contains(name); }
    bool has(const QString& name) const { return m_values.contains(name) || m_multi.contains(name); }
    QString value(const QString& name, const QString& fallback = {}) const { return m_values.value(name, fallback); }
    QStringList values(const QString& name) const { return m_multi.value(name); }
    const QStringList& positionals() const { return m_positionals; }

private:
    QSet<QString> m_flags;
    QHash<QString, QString> m_values;
    QHash<QString, QStringList> m_multi;
    QStringList m_positionals;
    QString m_error;
};

} // namespace kwctl
