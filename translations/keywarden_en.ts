<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ChartStyle</name>
    <message>
        <source>Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported by gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forbidden address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside time window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing permission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong environment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime of new keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grace period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denied addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h1&gt;Incident %1: emergency revocation&lt;/h1&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cascade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>children and dependents included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>selected keys only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The revocation failed:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Revoked keys&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project / environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Service restored with&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;No backup key was activated and no replacement was issued.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;li&gt;backup key %1 (%2) activated&lt;/li&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;li&gt;replacement %1 (%2) issued in %3/%4 — secret handed over at issue, not recorded&lt;/li&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Steps that failed&lt;/h2&gt;&lt;ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Notifications&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;No emergency contact was notified.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;li&gt;%1 to %2: %3 (%4)&lt;/li&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Audit trail of the incident&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Audit chain hash of the last entry: &lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown report format &quot;%1&quot;: use .pdf or .html</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no team)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::AlertRulesPanel</name>
    <message>
        <source>Thresholds: days before expiry, e.g. 30, 7, 1 (once per key and threshold).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires once when a key passes its expiry and enters its grace period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold: percent of the key&apos;s quota used in the current period, e.g. 80.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold: rate-limit rejections of one key within the window, e.g. 100 in 5m.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thresholds: upstream errors of one key within the window [, and at least this percent of its requests], e.g. 50, 20 in 5m.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unusual traffic against the key&apos;s hour-of-week baseline, looked for over the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold: revoked, expired or unknown keys from one address within the window; Block: refuse that address for this long (empty: never).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires the first time a key is used from a /24 (IPv4) or /64 (IPv6) network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when the audit trail&apos;s hash chain fails verification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 30, 7, 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 5m, 1h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thresholds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell the project&apos;s contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify the emergency contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell the key&apos;s owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify the key&apos;s owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 15m (bad keys only; empty: never)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Block:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New alert rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the alert rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove rule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the alert rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the alert rules: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a rule kind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thresholds: &quot;%1&quot; is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert rule saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove alert rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the rule &quot;%1&quot;? Its alerts stay in the list; nothing new is raised by it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule was not removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert rule removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::AlertsView</name>
    <message>
        <source>Expiry approaching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grace period entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota almost used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate-limit rejections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error burst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unusual traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad keys from one address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New client network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit chain broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts, rules, outbox and channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active (open or acknowledged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Evaluate rules now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate the alert rules now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project / service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for the acknowledgement or resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (who is on it, what was done)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge the selected alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge (Ctrl+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve the selected alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve (Ctrl+Shift+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the alert&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the alerts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating the alert rules failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules evaluated: nothing new.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Rules evaluated: %n alert(s) raised or repeated.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s), %1 open</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No alert matches. Rules are evaluated every minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an alert to see its detail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n time(s), first %1, last %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the alert: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert resolved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert acknowledged: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::AuditTableModel</name>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit chain is broken at this entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::AuditView</name>
    <message>
        <source>Audit chain status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the audit chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks every entry&apos;s hash link and the authenticated head, as kwctl audit verify does. The run is itself recorded in the trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search actor, action, target, reason, incident, details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An action, or a prefix ending in a dot (&quot;key.&quot;) for a whole family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target (key id, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(The entry is hidden by the filters; clear them to see it.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details of the selected entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an entry to see its details and hashes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep audit entries for (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep raw usage events for (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (rollups only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the retention settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older audit entries are pruned behind a signed checkpoint, so the rest of the chain stays verifiable. A key server prunes hourly; kwctl audit prune does it for a local vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit entries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw usage events:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Entry&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit trail&apos;s status cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No vault is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries up to %1 were pruned behind a signed checkpoint on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit chain has not been verified yet (head at entry %1, stored entries: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last verified %1: intact through entry %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last verified %1: BROKEN at entry %2. Verify again to see why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying the audit chain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit chain could not be verified: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit chain intact through entry %1 (%2 entries checked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries up to %1 were pruned behind a signed checkpoint; the chain was checked from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit chain BROKEN at entry %1: %2. Entries up to %3 are intact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no role recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follows: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::BulkActionDialog</name>
    <message>
        <source>Keys this action applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend by days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Extend by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why — recorded in the audit trail for every key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New secrets, shown once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after the key in hand; keys already processed stay changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing wipes the secrets shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the key in hand…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::BulkKeyCommand</name>
    <message>
        <source>Renew keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let keys expire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify owners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select at least one key</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Extends the expiry of %n key(s) from the later of now and their current expiry. Keys whose policy requires approval get a renewal request instead.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Issues a successor for each of the %n key(s); the old key stays valid for its policy&apos;s overlap. The new secrets are shown once, here.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marks %n key(s) to expire as planned: they are tagged &quot;%1&quot; and get no more renewal reminders. Nothing else changes.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queues an expiry notice to the owner of each of the %n key(s) whose owner is an e-mail address, in the notification outbox; keys without one are listed as skipped.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3 done, %4 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 key(s) done, %3 failed%4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 not processed (stopped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>renewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approval requested (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rotated → %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>will expire as planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped: no owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped: owner has no e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key %1 expires on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your key &quot;%1&quot; (%2) in %3/%4 expires on %5 UTC. Renew or rotate it before then, or tell the key administrators it may expire.

Note from the administrator: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::ChannelsPanel</name>
    <message>
        <source>E-mail (SMTP relay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>smtp.example.com (empty: no e-mail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP connection security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS, required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS when offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS from the start (SMTPS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (loopback relays only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: no login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the stored password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the stored SMTP password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keywarden@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA bundle file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP timeout in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save e-mail settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the e-mail settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test messages (sent at once, not queued)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send test &amp;e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://hooks.example.com/…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send test &amp;webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every webhook carries X-KeyWarden-Timestamp and X-KeyWarden-Signature: v1=HMAC-SHA256 of &quot;timestamp.body&quot; under this secret. Receivers recompute it and refuse old timestamps, so a captured request cannot be replayed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the webhook signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;otate secret…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate the webhook signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the e-mail settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored (unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail is not configured: e-mail notifications wait in the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail goes through %1:%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The e-mail settings were not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the address to send the test to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the webhook URL to send the test to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent in %1 ms (%2 %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the signing secret: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receivers that check signatures refuse every webhook until they have the new secret.
Type ROTATE to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret was not rotated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook signing secret rotated: give the new one to the receivers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::ComplianceView</name>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the compliance checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluates every rule over the whole inventory. The run is recorded for the trend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checks have not run in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance score over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production environments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environments whose keys must be limited to known addresses, comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services (or project/service) whose keys need a rate limit, comma-separated; * for all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the compliance settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production environments:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public services:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys with findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance per project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance settings not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance settings saved; run the checks to apply them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running the checks over the whole inventory…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checks could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score %1 of 100 over %2 live keys: %3 findings. Evaluated %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(vault)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings (first %1 of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no team)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Score over the last %n run(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No run recorded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s); latest %1: %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Last recorded run %1: score %2, %3 findings. Run the checks for details.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::ConnectDialog</name>
    <message>
        <source>Connect to a key server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kwop_…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a CA certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember the token in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must be an http:// or https:// URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your operator token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::CreateKeyCommand</name>
    <message>
        <source>Created key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key was created</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::CreateKeyLocationPage</name>
    <message>
        <source>Location and description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the key lives, what it is for and who owns it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An existing environment, or a new one (lowercase letters, digits, &apos;-&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other services, comma-separated (created on first use)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a person or team to contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>display id of the parent key (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xpires in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days until expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchecked: never (unless its policy sets a lifetime)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Backup key (standby, activated when its primary is revoked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recoverable (the secret is kept encrypted and can be shown again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recoverable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;vices:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;arent key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the projects: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no project yet: create one under Organisation first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (team %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the environments: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the services: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than 64 characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::CreateKeyPermissionsPage</name>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The roles and permissions the key carries. None: whatever its scope grants.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Roles:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the roles: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::CreateKeyPolicyPage</name>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply a policy template, set the key&apos;s own limits, or both: the key&apos;s own limits win. Empty fields are inherited from the project and environment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Te&amp;mplate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key&apos;s own limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the policy templates: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::CreateKeyRestrictionsPage</name>
    <message>
        <source>Restrictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit where and when the key works. Empty fields: no restriction of the key&apos;s own.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::CreateKeySecretPage</name>
    <message>
        <source>The new key&apos;s secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the secret to where it will be used, then confirm that you have stored it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 (&quot;%2&quot;) was created in %3 / %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::CreateKeySummaryPage</name>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the new key. Its secret is shown once, on the next page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Expires in %n day(s)</source>
        <translation>
            <numerusform>Expires in %n day</numerusform>
            <numerusform>Expires in %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>No expiry of its own (its policy may set a lifetime)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup key: yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recoverable: yes, the secret is kept encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recoverable: no, only a hash of the secret is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy template: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Own rules: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault or server connection was closed; nothing was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not created: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::CreateKeyWizard</name>
    <message>
        <source>New API Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store the secret and check &quot;I have stored this secret&quot; first: it cannot be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::CreateVaultDialog</name>
    <message>
        <source>Create vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vault file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the vault file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KeyWarden vaults (*.kwvault)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault is one encrypted file. The passphrase cannot be recovered: keep it in your password manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to create the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists; choose another file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase needs at least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tip: %1 or more characters (a few random words) resist guessing far better.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::EditKeyCommand</name>
    <message>
        <source>Select exactly one key to edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing changed on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The description was saved, but the restrictions were not: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the description of %1, not its restrictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::EditKeyDialog</name>
    <message>
        <source>Edit Key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma-separated; new ones are created in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a JSON object, e.g. {&quot;ticket&quot;: &quot;OPS-12&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;vices:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Metadata:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key&apos;s own restrictions; empty fields inherit from its environment and project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restrictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required, recorded in the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than 64 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON (%1 at character %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a JSON object such as {&quot;ticket&quot;: &quot;OPS-12&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>say why the key is changed; it is recorded in the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::ExpirationsView</name>
    <message>
        <source>%1 overdue  %2 within a week  %3 within 30 days  %4 later  &lt;span style=&apos;color:%5&apos;&gt;&amp;#9633;&lt;/span&gt; grace period  %6 scheduled rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda of the next two weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In grace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys of the selected day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Renew…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew the selected keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;otate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate the selected keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Let expire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected keys to expire as planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notify owners…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue an expiry notice to the owners of the selected keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiration history of the selected keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Next two weeks&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Expiration history of the selection&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing expires in the next two weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · let expire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic rotation due</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt;: %n key(s) expire</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n scheduled rotation(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Keys unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::ExpiryCalendarWidget</name>
    <message>
        <source>Expiration calendar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::ExpiryNotifier</name>
    <message numerus="yes">
        <source>%n key(s) expire soon</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Within %n day(s): </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kw::ui::HeatMapWidget</name>
    <message>
        <source>Requests by day of week and hour of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; %2 requests in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2:00–%2:59: %3 requests</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::KeyActions</name>
    <message>
        <source>&amp;New Key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue a new API key with its policy, permissions and restrictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rotate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue a successor to the key; the old key stays valid for an overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;new…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend the key&apos;s expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Suspend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable the keys until they are resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res&amp;ume…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable suspended keys again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the keys for good, optionally with their children and dependents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the key&apos;s name, owner, tags, services, metadata and restrictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organisation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage teams, projects, environments, services, roles and policy templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select exactly one key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is revoked; revocation is final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is suspended; resume it before rotating.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was already rotated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was rotated; renew its successor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one or more keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only keys that are neither revoked nor suspended can be suspended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only suspended keys can be resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected keys are already revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a vault or connect to a key server first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::KeyCommand</name>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault or server connection was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::KeyDetailsPanel</name>
    <message>
        <source>Select a key to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Children</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depends on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Requests, last 30 days&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per day, last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In effect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set on this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiration history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xpiration history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit entries for this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (incident %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — in grace period until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n key</numerusform>
            <numerusform>%n keys</numerusform>
        </translation>
    </message>
    <message>
        <source>successor of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replaced by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recoverable secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n use(s) consumed</source>
        <translation>
            <numerusform>%n use consumed</numerusform>
            <numerusform>%n uses consumed</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the policy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rules: the key is limited only by its status and expiry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests, %2 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::KeyTreeModel</name>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)
Project %3 / %4
Status: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 keys: %2 active, %3 expired, %4 suspended, %5 revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::KeysView</name>
    <message>
        <source>Filter by name, key, owner or tag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiring within days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiring ≤ </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key hierarchy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 is not in this vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) match the filter</source>
        <translation>
            <numerusform>%n key match the filter</numerusform>
            <numerusform>%n keys match the filter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n key</numerusform>
            <numerusform>%n keys</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kw::ui::MainWindow</name>
    <message>
        <source>KeyWarden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KeyWarden vaults (*.kwvault);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the &amp;start page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Locked after %n minute(s) without activity.</source>
        <translation>
            <numerusform>Locked after %n minute without activity.</numerusform>
            <numerusform>Locked after %n minutes without activity.</numerusform>
        </translation>
    </message>
    <message>
        <source>Search keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search keys (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter the key tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About KeyWarden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About KeyWarden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;KeyWarden %1&lt;/h3&gt;&lt;p&gt;API key management: a vault, a key server, this console and kwctl.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vault %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role decides which actions are available; the %1 enforces it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — KeyWarden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Locked&lt;/h2&gt;&lt;p&gt;%1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the demo vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the demo vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KeyWarden demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo vault: its passphrase is &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 · %3/%4%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expirations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Emergency revocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+X</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new alert(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) waiting for someone to look at them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Alerts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::ManageOrganisationCommand</name>
    <message numerus="yes">
        <source>Saved %n organisation change(s)</source>
        <translation>
            <numerusform>Saved %n organisation change</numerusform>
            <numerusform>Saved %n organisation changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kw::ui::OrganisationDialog</name>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Environments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;vices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy Te&amp;mplates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::OrganisationEnvironmentsTab</name>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New environment name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lowercase letters, digits, &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: &lt;project prefix&gt;_&lt;environment&gt;_</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key p&amp;refix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the environments: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The environment was not added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added environment %1 to %2 (key prefix %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>environment %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::OrganisationProjectsTab</name>
    <message>
        <source>Projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New project name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team of the new project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An existing team, a new one (created with the project), or empty for none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kw (keys then start kw_&lt;environment&gt;_)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &amp;prefix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the projects: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project was not added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added project %1 (key prefix %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>project %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::OrganisationRolesTab</name>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. billing.read, reports.*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Permissions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the roles: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: a role needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions: a role grants at least one permission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved role %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::OrganisationServicesTab</name>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New service name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lowercase letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the services: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service was not added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added service %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>service %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::OrganisationTab</name>
    <message>
        <source>Could not list the projects: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::OrganisationTeamsTab</name>
    <message>
        <source>Teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New team name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the teams: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team was not added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added team %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>team %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::OrganisationTemplatesTab</name>
    <message>
        <source>Policy templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. prod-90d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the policy templates: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: a template needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved template %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>template %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::OutboxPanel</name>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry the selected message now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deliver due messages now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliver the due messages now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve &amp;incident…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve the selected message&apos;s incident at its receivers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery log of the selected message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply or error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the outbox: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s): %1 queued, %2 failed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the delivery log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 will be sent again with the next pass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not retry: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivering due messages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery pass: %1 sent, %2 to retry, %3 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery pass failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve incident %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell the receivers of incident %1 that it is resolved (PagerDuty closes it). Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Incident %1 resolved: %n message(s) queued.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not resolve incident %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::OverviewView</name>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys expiring soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busiest keys in the last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Expiring soon&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Busiest keys, last 24 hours&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Last 24 hours:&lt;/b&gt; %1 requests, %2 rejected (%3 %), %4 upstream errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::PolicyEditor</name>
    <message>
        <source>&amp;Lifetime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 90d (empty: inherited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long new keys stay valid: w, d, h, m, s units such as 90d or 1d12h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Grace period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 7d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a key still works after it expired, flagged as in grace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate &amp;every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 30d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic rotation schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation o&amp;verlap:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 24h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long the old key stays valid beside its successor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inherited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether renewing a key needs a second person&apos;s approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal &amp;approval:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rate limits:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 100/s, 5000/h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per second (s), minute (m), hour (h) or day (d); an optional burst after a colon: 100/s:200</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quota:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 10000/day or 250000/month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units of cost per calendar day or month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Maximum uses:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key expires after this many uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fill:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 1000/day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uses restored at the start of each day or month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Permissions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. billing.read, reports.*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dotted permission names; a final * grants a whole subtree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Allowed IPs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 10.0.0.0/8, 2001:db8::/32</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses or CIDR ranges the key may be used from; empty: anywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Denied IPs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 10.9.0.0/16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses or CIDR ranges refused even when allowed above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hours:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 09:00-17:30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time of day the key may be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Da&amp;ys:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. mon-fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The days the key may be used: mon-fri, sat,sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IANA time zone of hours, days and quota periods, e.g. Europe/Berlin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grace period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be shorter than the rotation interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a positive whole number (leave it empty for unlimited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed IPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denied IPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::RenewKeyCommand</name>
    <message>
        <source>Select exactly one key to renew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not renewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewed %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::RenewKeyDialog</name>
    <message>
        <source>Renew Key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (&quot;%2&quot;) does not expire yet; renewing sets an expiry from now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (&quot;%2&quot;) expires on %3. The extension counts from the later of now and that date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend by days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required, recorded in the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Extend by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Renew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not renewed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewed %1: it now expires on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewing %1 needs a second person&apos;s approval: request #%2 was filed and waits for an approver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not renewed (request #%2: %3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::ReportsView</name>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key inventory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage and cost allocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiration outlook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocations and incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail extract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (spreadsheets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (programs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (people, with charts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to save the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scope:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detached signature of the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The detached Ed25519 signature (FILE.sig) appears here. Check a report with: kwctl report verify FILE --public-key vault.pem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Signature&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every key with owner, state, dates and bindings, as of now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests, rejections, cost units and amounts per team, project and service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys that expire in the coming period, soonest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocations and suspensions in the period, with reasons and incidents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs the compliance rules now and lists every finding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit entries of the period with their hashes (the whole trail, not scoped).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Next %n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This report shows the state now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is building and signing the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building and signing the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped waiting. The report may still be completed and recorded in the audit trail, but nothing is written here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 (%n row(s), %2), signed with key %3. Signature: %4</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::RevocationView</name>
    <message>
        <source>1. Find the keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys found; checked keys will be revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cascade: also revoke &amp;children and keys that depend on them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find keys first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every key the revocation hits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. secret pushed to a public repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activate a &amp;backup key where one exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue a re&amp;placement for every other selected key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify the projects&apos; emergency &amp;contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke every key listed under Impact (Ctrl+Shift+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3. Revoke and restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Incident:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New secrets, shown once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cop&amp;y new secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail of the incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export incident report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export incident report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document (*.pdf);;HTML page (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the panel and wipe the secrets shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4. After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Emergency revocation&lt;/b&gt; — paste what leaked, check the impact, revoke. Revoked keys are rejected as soon as the revocation is acknowledged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted secret, log excerpt or diff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a leaked secret, a log excerpt or a diff here, then press Ctrl+Return. Key-looking strings are checked and looked up by hash on this machine&apos;s store; the text is wiped after the scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the keys in the pasted text (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display id or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kw_live_ab12 or part of a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exact owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>service of the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exact tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last client address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an address that used the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Display id / name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pro&amp;ject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tag:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searc&amp;h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key-looking string in the pasted text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Looking up %n key(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Lookup failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pasted, line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (line %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n key-looking string(s): </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matched a key here</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n valid but unknown here: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n failed the checksum (not a real key): %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Give at least one search criterion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A service belongs to a project: choose the project too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first %1 matches; narrow the search to see more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) match; check the ones to revoke.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the keys to revoke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Working out the impact of revoking %n key(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot work out the impact: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n key(s) will be revoked&lt;/b&gt;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n selected</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n through the cascade)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Projects: %1 · services: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic: %1 requests in the last hour, %2 in the last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Backup keys ready for %n of the selected key(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No emergency contact is registered for these projects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REVOKE %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop restoring service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the key in hand…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Revoking %n key(s)…</source>
        <translation type="unfinished">
            <numerusform>Revoking %n key…</numerusform>
            <numerusform>Revoking %n keys…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoked %n key(s). Restoring service…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>backup for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replacement for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifying emergency contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notifications: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The revocation failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing was revoked:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n key(s) revoked&lt;/b&gt; under incident %1 at %2; verification rejects them from then on.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n backup key(s) activated.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n replacement(s) issued — their secrets are below, shown once.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s) queued for the emergency contacts.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation done. Find more keys, or start a new incident.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::RevokeDialog</name>
    <message>
        <source>selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>child of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>depends on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n key(s). Revocation is final: a revoked key is rejected from that moment and cannot be resumed.</source>
        <translation>
            <numerusform>Revoke %n key. Revocation is final: a revoked key is rejected from that moment and cannot be resumed.</numerusform>
            <numerusform>Revoke %n keys. Revocation is final: a revoked key is rejected from that moment and cannot be resumed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys to revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project / environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>Also revoke their &amp;children and dependent keys (cascade)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cascade to children and dependents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out which keys will be revoked…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys that will be revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required, recorded in the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. INC-1234</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Incident:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (already revoked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not work out which keys would be revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) will be revoked</source>
        <translation>
            <numerusform>%n key will be revoked</numerusform>
            <numerusform>%n keys will be revoked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>: %n selected</source>
        <translation>
            <numerusform>: %n selected</numerusform>
            <numerusform>: %n selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n child or dependent key(s)</source>
        <translation>
            <numerusform>, %n child or dependent key</numerusform>
            <numerusform>, %n child or dependent keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n already revoked, left as they are)</source>
        <translation>
            <numerusform> (%n already revoked, left as they are)</numerusform>
            <numerusform> (%n already revoked, left as they are)</numerusform>
        </translation>
    </message>
    <message>
        <source>REVOKE %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to revoke: every key is already revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Revoking %n key(s)…</source>
        <translation>
            <numerusform>Revoking %n key…</numerusform>
            <numerusform>Revoking %n keys…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was revoked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Revoked %n key(s).</source>
        <translation>
            <numerusform>Revoked %n key.</numerusform>
            <numerusform>Revoked %n keys.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoked %n key(s). Reason: %1</source>
        <translation>
            <numerusform>Revoked %n key. Reason: %1</numerusform>
            <numerusform>Revoked %n keys. Reason: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>. Incident: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the list of keys that would be revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type %1 to confirm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::RevokeKeysCommand</name>
    <message>
        <source>No key selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Revoked %n key(s)</source>
        <translation>
            <numerusform>Revoked %n key</numerusform>
            <numerusform>Revoked %n keys</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kw::ui::RotateKeyCommand</name>
    <message>
        <source>Select exactly one key to rotate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not rotated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default from the key&apos;s policy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not rotated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotated %1; its successor is %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::RotateKeyDialog</name>
    <message>
        <source>Rotate Key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue a successor to %1 (&quot;%2&quot;) with the same rules. The old key stays valid for the overlap, so clients can switch without an outage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overlap in hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overlap:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rotate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was rotated. Its successor is %2; the old key stays valid until its overlap ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store the secret and check &quot;I have stored this secret&quot; first: it cannot be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::SecretView</name>
    <message>
        <source>New secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the secret to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copies the secret; the clipboard is cleared again after %n second(s)</source>
        <translation>
            <numerusform>Copies the secret; the clipboard is cleared again after %n second</numerusform>
            <numerusform>Copies the secret; the clipboard is cleared again after %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>I have &amp;stored this secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have stored this secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store the secret in a safe place now. The key is recoverable: an administrator can show its secret again, and that is audited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the only time the secret is shown. Store it in a safe place now: KeyWarden keeps only a hash of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copied. The clipboard will be cleared in %n second(s) if it still holds the secret.</source>
        <translation>
            <numerusform>Copied. The clipboard will be cleared in %n second if it still holds the secret.</numerusform>
            <numerusform>Copied. The clipboard will be cleared in %n seconds if it still holds the secret.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kw::ui::Session</name>
    <message>
        <source>Verifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read keys, usage and the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suspend, resume and revoke keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issue keys and change policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role (%1) may not %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::SettingsView</name>
    <message>
        <source>Lock after minutes of inactivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear copied secrets after seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days before expiry a key counts as expiring soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock after inactivity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear copied &amp;secrets after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expiring soon means within:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2
Acting as %3, role %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days before expiry to warn, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console warns once per key at each of these days before it expires; empty: never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Warn before expiry (days):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::Sparkline</name>
    <message numerus="yes">
        <source>%n request(s) over %1 days</source>
        <translation>
            <numerusform>%n request over %1 days</numerusform>
            <numerusform>%n requests over %1 days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kw::ui::StartPage</name>
    <message>
        <source>&lt;h1&gt;KeyWarden&lt;/h1&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API keys: issued with policies, watched in use, revoked in seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create a vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new encrypted vault file on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open a vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock an existing vault file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a &amp;server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage the keys of a KeyWarden key server as an operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A vault with a realistic organisation, keys and 90 days of usage, to explore safely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent vaults and servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing opened yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::StatusChangeCommand</name>
    <message>
        <source>No key selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Suspended %n key(s)</source>
        <translation>
            <numerusform>Suspended %n key</numerusform>
            <numerusform>Suspended %n keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed %n key(s)</source>
        <translation>
            <numerusform>Resumed %n key</numerusform>
            <numerusform>Resumed %n keys</numerusform>
        </translation>
    </message>
    <message>
        <source>No key was suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key was resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended only %1 of %2 keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed only %1 of %2 keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::StatusChangeDialog</name>
    <message>
        <source>Suspend Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Suspend %n key(s): they are rejected until resumed.</source>
        <translation>
            <numerusform>Suspend %n key: they are rejected until resumed.</numerusform>
            <numerusform>Suspend %n keys: they are rejected until resumed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resume %n key(s): they are accepted again.</source>
        <translation>
            <numerusform>Resume %n key: they are accepted again.</numerusform>
            <numerusform>Resume %n keys: they are accepted again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys to suspend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys to resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required, recorded in the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Suspend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::StatusStyle</name>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In grace period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::TypedConfirmation</name>
    <message>
        <source>Confirmation text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To confirm, &amp;type &lt;b&gt;%1&lt;/b&gt;:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type %1 to confirm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::UnlockDialog</name>
    <message>
        <source>Unlock vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vault passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caps Lock is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong passphrase. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrong passphrase. You can try again in %n second(s).</source>
        <translation>
            <numerusform>Wrong passphrase. You can try again in %n second.</numerusform>
            <numerusform>Wrong passphrase. You can try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kw::ui::UsageCharts</name>
    <message>
        <source>Rejected %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upstream errors %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50 latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95 latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99 latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rate and latency percentiles (from gateway reports)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rate (no gateway has reported latency in this range)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No traffic in this range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests in the range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>project %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>team %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost allocation applies to all keys or a team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost allocation — priced requests in the range</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kw::ui::UsageView</name>
    <message>
        <source>Live: last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic spike</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error burst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use outside usual hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New client address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope name, or a key&apos;s id or display id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the previous scope and range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the chart or its data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the chart as PNG or SVG, or its data as CSV (Ctrl+Shift+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests over time by outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error rate and latency percentiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busiest projects, services or keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost by project and team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busiest:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a bar to narrow the scope to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors and &amp;latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activate an anomaly to show that key around that time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Anomalies&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per key and hour of the week: an exponentially weighted mean and deviation of the weeks before. Spikes, error bursts, use in usually quiet hours and new client addresses are flagged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; requests verified, %2 rejected (%3 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 upstream errors of %2 reported (%3 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · latency p50 %1 ms, p95 %2 ms, p99 %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · cost %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> · %n anomalie(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Updated %1 · %n bucket(s) from rollups</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Updated %1 with errors: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anomaly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests per %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests by outcome — click a bucket to zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>project %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>team %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — requests by hour of the week, %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key id or display id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>service %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes are kept for 48 hours; this hour can only be shown whole.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KeyWarden usage chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown export format &quot;%1&quot;: use .png, .svg or .csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;CSV data (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>KeyWarden console: manage API keys in a local vault or on a key server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the vault file &lt;path&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the key server at &lt;url&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the demo vault (created on first use).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
