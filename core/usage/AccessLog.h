#pragma once

#include "usage/UsageEvent.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace kw::accesslog {

// nginx access-log records in KeyWarden's JSON log_format (installer/nginx/keywarden-logging.conf), as nginx sends
// them over syslog. One record describes one request that went through a protected location:
//
//   {"msec":"1764093600.123","key_id":"k_…","service":"checkout","status":"200","request_time":"0.004",
//    "bytes_sent":"512","auth_status":"200","remote_addr":"203.0.113.7"}
//
// Values may be JSON strings (nginx's escape=json writes every variable as text) or numbers. An empty key_id, or an
// auth_status other than 2xx, means the key server refused the request: that decision is already counted by verify,
// so such records are Refused, not usage.

// The message of one RFC 3164 / RFC 5424 syslog datagram or frame: the text after "<PRI>… TAG: " — nginx writes
// "<190>Nov 25 18:00:00 host keywarden: {…}" (the hostname is absent with `nohostname`). A message without a
// "<PRI>" header is taken as it is. Fails when there is no JSON object in it.
Result<QByteArray> syslogMessage(QByteArrayView datagram);

enum class Disposition {
    Usage,   // the event describes a request the upstream (or nginx in its place) answered for a known key id
    Refused, // the key server refused it (auth_status not 2xx, or no key id): counted by verify already
};

struct Record {
    Disposition disposition = Disposition::Usage;
    UsageEvent event; // code "REPORTED", keyId, service, clientIp, timeMs, upstreamStatus, latencyUs, bytes
};

// Parses one JSON record. Errors name the field that is missing or wrong. The key id is checked for shape only;
// whether it exists is the caller's business (it needs the store).
Result<Record> parseRecord(QByteArrayView json);

} // namespace kw::accesslog
