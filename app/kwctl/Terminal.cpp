#include "Terminal.h"

#include <cstdio>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace kwctl {

bool stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

kw::Result<kw::SecureBytes> readHidden(const QString& prompt)
{
    std::fputs(prompt.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    termios old{};
    const bool tty = ::tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QByteArray line;
    int c;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n')
        line.append(char(c));
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        std::fputc('\n', stderr);
    }
    if (c == EOF && line.isEmpty())
        return kw::Error::invalid(QStringLiteral("No passphrase entered"));
    if (line.endsWith('\r'))
        line.chop(1);
    return kw::SecureBytes::adopt(line);
}

QString readLine(const QString& prompt)
{
    std::fputs(prompt.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    std::string s;
    int c;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n')
        s.push_back(char(c));
    return QString::fromStdString(s).trimmed();
}

} // namespace kwctl
