#include "ArgParser.h"

namespace kwctl {

bool Args::parse(const QStringList& args, const Spec& spec)
{
    bool onlyPositionals = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString a = args[i];
        if (onlyPositionals || !a.startsWith(QLatin1String("--")) || a == QLatin1String("--")) {
            if (a == QLatin1String("--") && !onlyPositionals) {
                onlyPositionals = true;
                continue;
            }
            m_positionals << a;
            continue;
        }
        QString name = a.mid(2);
        QString inlineValue;
        bool hasInline = false;
        if (const qsizetype eq = name.indexOf(u'='); eq >= 0) {
            inlineValue = name.mid(eq + 1);
            name = name.left(eq);
            hasInline = true;
        }
        if (spec.flags.contains(name)) {
            if (hasInline) {
                m_error = QStringLiteral("--%1 takes no value").arg(name);
                return false;
            }
            m_flags.insert(name);
            continue;
        }
        if (!spec.values.contains(name) && !spec.multi.contains(name)) {
            m_error = QStringLiteral("unknown option --%1").arg(name);
            return false;
        }
        QString value;
        if (hasInline) {
            value = inlineValue;
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            m_error = QStringLiteral("--%1 needs a value").arg(name);
            return false;
        }
        if (spec.multi.contains(name))
            m_multi[name] << value;
        else
            m_values.insert(name, value);
    }
    if (m_positionals.size() < spec.minPositionals) {
        m_error = QStringLiteral("missing argument");
        return false;
    }
    if (spec.maxPositionals >= 0 && m_positionals.size() > spec.maxPositionals) {
        m_error = QStringLiteral("unexpected argument \"%1\"").arg(m_positionals.value(spec.maxPositionals));
        return false;
    }
    return true;
}

} // namespace kwctl
