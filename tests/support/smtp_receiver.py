#!/usr/bin/env python3
"""A real SMTP server for the notification tests (aiosmtpd): STARTTLS with the given certificate (required before
AUTH), AUTH PLAIN/LOGIN against one user, and every received message parsed and written as JSON to OUTDIR.
Usage: smtp_receiver.py PORT READYFILE OUTDIR CERT KEY USER PASSWORD. Creates READYFILE once listening."""
import email, email.policy, json, os, ssl, sys, time
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, readyfile, outdir, cert, key, user, password = sys.argv[1:8]


class Handler:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        parts = {}
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                parts[part.get_content_type()] = part.get_content()
        self.count += 1
        out = {"mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos, "from": str(msg["From"]),
               "to": str(msg["To"]), "subject": str(msg["Subject"]), "contentType": msg.get_content_type(),
               "messageId": str(msg["Message-ID"]), "text": parts.get("text/plain", ""),
               "html": parts.get("text/html", ""), "tls": session.ssl is not None,
               "authUser": getattr(session, "kw_user", "")}
        path = os.path.join(outdir, "%03d.json" % self.count)
        with open(path + ".tmp", "w") as f:
            json.dump(out, f)
        os.rename(path + ".tmp", path)
        return "250 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and \
            auth_data.password.decode() == password:
        session.kw_user = auth_data.login.decode()
        return AuthResult(success=True)
    return AuthResult(success=False, handled=False)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(Handler(), hostname="127.0.0.1", port=int(port), tls_context=context, require_starttls=True,
                        authenticator=authenticator, auth_required=True, auth_require_tls=True)
controller.start()
with open(readyfile, "w") as f:
    f.write("ready")
try:
    while True:
        time.sleep(3600)
finally:
    controller.stop()
