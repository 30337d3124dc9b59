#pragma once

#include "ArgParser.h"

#include "policy/KeyPolicy.h"

namespace kwctl {

// The policy options shared by `key create`, `policy create` and `policy apply`:
//   --max-uses N --refill N/day|N/month --rate-limit N/s|N/m|N/h[:burst]... --quota N/day|N/month
//   --permission P... --role R... --allow-ip CIDR... --deny-ip CIDR... --hours HH:MM-HH:MM --days mon-fri
//   --tz ZONE --grace DURATION --ttl DURATION --rotate-every DURATION --rotation-overlap DURATION
//   --renewal-approval | --no-renewal-approval
void addPolicyOptions(Args::Spec& spec, bool withTtl);
kw::Result<kw::KeyPolicy> policyFromArgs(const Args& args);
QString policyOptionsUsage();

} // namespace kwctl
