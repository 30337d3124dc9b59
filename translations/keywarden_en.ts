<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>QObject</name>
    <message>
        <source>required</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not required</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lifetime of new keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grace period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rate limits</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quota</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Maximum uses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refill</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Allowed addresses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Denied addresses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic rotation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotation overlap</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Renewal approval</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::ConnectDialog</name>
    <message>
        <source>Connect to a key server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server URL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Operator token</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>kwop_…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CA certificate file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>system certificates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a CA certificate file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CA certificates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PEM files (*.pem *.crt)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Remember the token in the system keychain</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter the server's address.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server address must be an http:// or https:// URL.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter your operator token.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::CreateKeyCommand</name>
    <message>
        <source>Created key %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No key was created</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::CreateKeyLocationPage</name>
    <message>
        <source>Location and description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Where the key lives, what it is for and who owns it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>An existing environment, or a new one (lowercase letters, digits, '-')</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Other services</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>other services, comma-separated (created on first use)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a person or team to contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>comma-separated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Parent key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>display id of the parent key (optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E&amp;xpires in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Days until expiry</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unchecked: never (unless its policy sets a lifetime)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Backup key (standby, activated when its primary is revoked)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backup key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Recoverable (the secret is kept encrypted and can be shown again)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recoverable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ser&amp;vices:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>P&amp;arent key:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expiry:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not list the projects: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There is no project yet: create one under Organisation first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (team %2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not list the environments: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not list the services: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>choose a project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" is longer than 64 characters</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::CreateKeyPermissionsPage</name>
    <message>
        <source>Permissions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The roles and permissions the key carries. None: whatever its scope grants.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Roles:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not list the roles: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::CreateKeyPolicyPage</name>
    <message>
        <source>Policy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Apply a policy template, set the key's own limits, or both: the key's own limits win. Empty fields are inherited from the project and environment.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Policy template</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No template</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Te&amp;mplate:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key's own limits</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not list the policy templates: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::CreateKeyRestrictionsPage</name>
    <message>
        <source>Restrictions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Limit where and when the key works. Empty fields: no restriction of the key's own.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::CreateKeySecretPage</name>
    <message>
        <source>The new key's secret</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy the secret to where it will be used, then confirm that you have stored it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key %1 ("%2") was created in %3 / %4.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::CreateKeySummaryPage</name>
    <message>
        <source>Summary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check the new key. Its secret is shown once, on the next page.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Create Key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Project: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Environment: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Services: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Owner: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tags: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Parent key: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Expires in %n day(s)</source>
        <translation>
            <numerusform>Expires in %n day</numerusform><numerusform>Expires in %n days</numerusform></translation>
    </message>
    <message>
        <source>No expiry of its own (its policy may set a lifetime)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backup key: yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recoverable: yes, the secret is kept encrypted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recoverable: no, only a hash of the secret is kept</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Policy template: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Own rules: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The vault or server connection was closed; nothing was created.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Creating the key…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key was not created: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::CreateKeyWizard</name>
    <message>
        <source>New API Key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Store the secret and check "I have stored this secret" first: it cannot be shown again.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::CreateVaultDialog</name>
    <message>
        <source>Create vault</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Vault file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose the vault file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>KeyWarden vaults (*.kwvault)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Create</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The vault is one encrypted file. The passphrase cannot be recovered: keep it in your password manager.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose where to create the vault.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 already exists; choose another file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The passphrase needs at least %1 characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tip: %1 or more characters (a few random words) resist guessing far better.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::EditKeyCommand</name>
    <message>
        <source>Select exactly one key to edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key was not changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing changed on %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The description was saved, but the restrictions were not: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved the description of %1, not its restrictions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::EditKeyDialog</name>
    <message>
        <source>Edit Key %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>comma-separated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>comma-separated; new ones are created in %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a JSON object, e.g. {"ticket": "OPS-12"}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ser&amp;vices:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Metadata:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key's own restrictions; empty fields inherit from its environment and project.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Restrictions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>required, recorded in the audit trail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" is longer than 64 characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not valid JSON (%1 at character %2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>must be a JSON object such as {"ticket": "OPS-12"}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>say why the key is changed; it is recorded in the audit trail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::KeyActions</name>
    <message>
        <source>&amp;New Key…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Issue a new API key with its policy, permissions and restrictions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Rotate…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Issue a successor to the key; the old key stays valid for an overlap</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Re&amp;new…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Extend the key's expiry</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Suspend…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Disable the keys until they are resumed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Res&amp;ume…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enable suspended keys again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revoke the keys for good, optionally with their children and dependents</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Change the key's name, owner, tags, services, metadata and restrictions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Organisation…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Manage teams, projects, environments, services, roles and policy templates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select exactly one key.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key is revoked; revocation is final.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key is suspended; resume it before rotating.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key was already rotated.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key was rotated; renew its successor.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select one or more keys.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only keys that are neither revoked nor suspended can be suspended.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only suspended keys can be resumed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The selected keys are already revoked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open a vault or connect to a key server first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Already in progress.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::KeyCommand</name>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The vault or server connection was closed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::KeyDetailsPanel</name>
    <message>
        <source>Select a key to see its details.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Children</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Depends on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Requests, last 30 days&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Requests per day, last 30 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In effect</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set on this key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Policy rules</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Policy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expiry before</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expiry after</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expiration history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E&amp;xpiration history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Audit entries for this key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> since %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (incident %2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> — in grace period until %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n key</numerusform><numerusform>%n keys</numerusform></translation>
    </message>
    <message>
        <source>successor of %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>replaced by %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>backup key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>recoverable secret</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n use(s) consumed</source>
        <translation>
            <numerusform>%n use consumed</numerusform><numerusform>%n uses consumed</numerusform></translation>
    </message>
    <message>
        <source>Could not read the policy: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No rules: the key is limited only by its status and expiry.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 requests, %2 rejected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Usage unavailable: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::KeyTreeModel</name>
    <message>
        <source>Organisation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No team</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (%2)
Project %3 / %4
Status: %5</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>
Reason: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 keys: %2 active, %3 expired, %4 suspended, %5 revoked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::KeysView</name>
    <message>
        <source>Filter by name, key, owner or tag…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status filter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotating</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Environment filter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tag filter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expiring within days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any expiry</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expiring ≤ </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> d</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key hierarchy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key %1 is not in this vault.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n key(s) match the filter</source>
        <translation>
            <numerusform>%n key match the filter</numerusform><numerusform>%n keys match the filter</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n key</numerusform><numerusform>%n keys</numerusform></translation>
    </message>
</context>
<context>
    <name>kw::ui::MainWindow</name>
    <message>
        <source>KeyWarden</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open vault</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>KeyWarden vaults (*.kwvault);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Unlock…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back to the &amp;start page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Views</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Locked after %n minute(s) without activity.</source>
        <translation>
            <numerusform>Locked after %n minute without activity.</numerusform><numerusform>Locked after %n minutes without activity.</numerusform></translation>
    </message>
    <message>
        <source>Search keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search keys (Ctrl+K)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;New vault…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Open vault…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Connect to server…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open &amp;demo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+W</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Search keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Filter the key tree</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;About KeyWarden</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About KeyWarden</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;h3&gt;KeyWarden %1&lt;/h3&gt;&lt;p&gt;API key management: a vault, a key server, this console and kwctl.&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Vault %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your role decides which actions are available; the %1 enforces it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>vault</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 — KeyWarden</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;h2&gt;Locked&lt;/h2&gt;&lt;p&gt;%1&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Creating the demo vault…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opening the demo vault…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>KeyWarden demo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Demo vault: its passphrase is "%1".</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 — %2 · %3/%4%5</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::ManageOrganisationCommand</name>
    <message numerus="yes">
        <source>Saved %n organisation change(s)</source>
        <translation>
            <numerusform>Saved %n organisation change</numerusform><numerusform>Saved %n organisation changes</numerusform></translation>
    </message>
</context>
<context>
    <name>kw::ui::OrganisationDialog</name>
    <message>
        <source>Organisation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Teams</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Projects</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Environments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ser&amp;vices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Roles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Policy Te&amp;mplates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::OrganisationEnvironmentsTab</name>
    <message>
        <source>Project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Environments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key prefix</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New environment name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>lowercase letters, digits, '-'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>empty: &lt;project prefix&gt;_&lt;environment&gt;_</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Add Environment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add environment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key p&amp;refix:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not list the environments: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The environment was not added: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Added environment %1 to %2 (key prefix %3).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>environment %1/%2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::OrganisationProjectsTab</name>
    <message>
        <source>Projects</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key prefix</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New project name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>letters, digits, '.', '_', '-'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Team of the new project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>An existing team, a new one (created with the project), or empty for none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>kw (keys then start kw_&lt;environment&gt;_)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Add Project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key &amp;prefix:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not list the projects: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The project was not added: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Added project %1 (key prefix %2).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>project %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::OrganisationRolesTab</name>
    <message>
        <source>Roles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Role name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Role permissions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. billing.read, reports.*</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Save Role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Permissions:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not list the roles: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name: a role needs a name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Permissions: a role grants at least one permission</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Permissions: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The role was not saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved role %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>role %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::OrganisationServicesTab</name>
    <message>
        <source>Project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New service name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>lowercase letters, digits, '.', '_', '-'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Add Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not list the services: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The service was not added: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Added service %1 to %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>service %1/%2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::OrganisationTab</name>
    <message>
        <source>Could not list the projects: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::OrganisationTeamsTab</name>
    <message>
        <source>Teams</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New team name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>letters, digits, '.', '_', '-'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Add Team</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add team</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not list the teams: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The team was not added: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Added team %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>team %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::OrganisationTemplatesTab</name>
    <message>
        <source>Policy templates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Template name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. prod-90d</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Template description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Save Template</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save template</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not list the policy templates: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name: a template needs a name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The template was not saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved template %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>template %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::OverviewView</name>
    <message>
        <source>Keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keys expiring soon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Busiest keys in the last 24 hours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Expiring soon&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Busiest keys, last 24 hours&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Last 24 hours:&lt;/b&gt; %1 requests, %2 rejected (%3 %), %4 upstream errors.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Usage unavailable: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::PolicyEditor</name>
    <message>
        <source>&amp;Lifetime:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 90d (empty: inherited)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How long new keys stay valid: w, d, h, m, s units such as 90d or 1d12h</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Grace period:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 7d</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How long a key still works after it expired, flagged as in grace</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotate &amp;every:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 30d</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic rotation schedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotation o&amp;verlap:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 24h</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How long the old key stays valid beside its successor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Inherited</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not required</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Renewal approval</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Whether renewing a key needs a second person's approval</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Renewal &amp;approval:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Rate limits:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 100/s, 5000/h</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Requests per second (s), minute (m), hour (h) or day (d); an optional burst after a colon: 100/s:200</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quota:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 10000/day or 250000/month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Units of cost per calendar day or month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Maximum uses:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unlimited</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key expires after this many uses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Re&amp;fill:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 1000/day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Uses restored at the start of each day or month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Permissions:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. billing.read, reports.*</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dotted permission names; a final * grants a whole subtree</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Allowed IPs:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 10.0.0.0/8, 2001:db8::/32</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Addresses or CIDR ranges the key may be used from; empty: anywhere</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Denied IPs:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 10.9.0.0/16</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Addresses or CIDR ranges refused even when allowed above</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Hours:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 09:00-17:30</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The time of day the key may be used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Da&amp;ys:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. mon-fri</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The days the key may be used: mon-fri, sat,sun</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>UTC</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The IANA time zone of hours, days and quota periods, e.g. Europe/Berlin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lifetime</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grace period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotate every</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotation overlap</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>must be shorter than the rotation interval</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rate limits</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quota</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Maximum uses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>'%1' is not a positive whole number (leave it empty for unlimited)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refill</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Allowed IPs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Denied IPs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::RenewKeyCommand</name>
    <message>
        <source>Select exactly one key to renew</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key was not renewed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Renewed %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::RenewKeyDialog</name>
    <message>
        <source>Renew Key %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 ("%2") does not expire yet; renewing sets an expiry from now.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 ("%2") expires on %3. The extension counts from the later of now and that date.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Extend by days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>required, recorded in the audit trail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Extend by:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Renew</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Renew</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Give a reason first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Renewing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key was not renewed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Renewed %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Renewed %1: it now expires on %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Renewing %1 needs a second person's approval: request #%2 was filed and waits for an approver.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 was not renewed (request #%2: %3)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::RevokeDialog</name>
    <message>
        <source>selected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>child of %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>depends on %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revoke Keys</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Revoke %n key(s). Revocation is final: a revoked key is rejected from that moment and cannot be resumed.</source>
        <translation>
            <numerusform>Revoke %n key. Revocation is final: a revoked key is rejected from that moment and cannot be resumed.</numerusform><numerusform>Revoke %n keys. Revocation is final: a revoked key is rejected from that moment and cannot be resumed.</numerusform></translation>
    </message>
    <message>
        <source>Keys to revoke</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Project / environment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform><numerusform>… and %n more</numerusform></translation>
    </message>
    <message>
        <source>Also revoke their &amp;children and dependent keys (cascade)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cascade to children and dependents</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Working out which keys will be revoked…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keys that will be revoked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>required, recorded in the audit trail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Incident id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>optional, e.g. INC-1234</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Incident:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revocation progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (already revoked)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 — revoked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not work out which keys would be revoked.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n key(s) will be revoked</source>
        <translation>
            <numerusform>%n key will be revoked</numerusform><numerusform>%n keys will be revoked</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>: %n selected</source>
        <translation>
            <numerusform>: %n selected</numerusform><numerusform>: %n selected</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>, %n child or dependent key(s)</source>
        <translation>
            <numerusform>, %n child or dependent key</numerusform><numerusform>, %n child or dependent keys</numerusform></translation>
    </message>
    <message numerus="yes">
        <source> (%n already revoked, left as they are)</source>
        <translation>
            <numerusform> (%n already revoked, left as they are)</numerusform><numerusform> (%n already revoked, left as they are)</numerusform></translation>
    </message>
    <message>
        <source>REVOKE %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing to revoke: every key is already revoked.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Revoking %n key(s)…</source>
        <translation>
            <numerusform>Revoking %n key…</numerusform><numerusform>Revoking %n keys…</numerusform></translation>
    </message>
    <message>
        <source>Nothing was revoked: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Revoked %n key(s).</source>
        <translation>
            <numerusform>Revoked %n key.</numerusform><numerusform>Revoked %n keys.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Revoked %n key(s). Reason: %1</source>
        <translation>
            <numerusform>Revoked %n key. Reason: %1</numerusform><numerusform>Revoked %n keys. Reason: %1</numerusform></translation>
    </message>
    <message>
        <source>. Incident: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Waiting for the list of keys that would be revoked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Give a reason first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type %1 to confirm</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::RevokeKeysCommand</name>
    <message>
        <source>No key selected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing was revoked</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Revoked %n key(s)</source>
        <translation>
            <numerusform>Revoked %n key</numerusform><numerusform>Revoked %n keys</numerusform></translation>
    </message>
</context>
<context>
    <name>kw::ui::RotateKeyCommand</name>
    <message>
        <source>Select exactly one key to rotate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key was not rotated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>default from the key's policy: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The key was not rotated: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotated %1; its successor is %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::RotateKeyDialog</name>
    <message>
        <source>Rotate Key %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Issue a successor to %1 ("%2") with the same rules. The old key stays valid for the overlap, so clients can switch without an outage.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Overlap in hours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> h</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>default: 24 hours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Overlap:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Rotate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotating…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 was rotated. Its successor is %2; the old key stays valid until its overlap ends.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Store the secret and check "I have stored this secret" first: it cannot be shown again.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::SecretView</name>
    <message>
        <source>New secret</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy the secret to the clipboard</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Copies the secret; the clipboard is cleared again after %n second(s)</source>
        <translation>
            <numerusform>Copies the secret; the clipboard is cleared again after %n second</numerusform><numerusform>Copies the secret; the clipboard is cleared again after %n seconds</numerusform></translation>
    </message>
    <message>
        <source>I have &amp;stored this secret</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>I have stored this secret</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Store the secret in a safe place now. The key is recoverable: an administrator can show its secret again, and that is audited.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This is the only time the secret is shown. Store it in a safe place now: KeyWarden keeps only a hash of it.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Copied. The clipboard will be cleared in %n second(s) if it still holds the secret.</source>
        <translation>
            <numerusform>Copied. The clipboard will be cleared in %n second if it still holds the secret.</numerusform><numerusform>Copied. The clipboard will be cleared in %n seconds if it still holds the secret.</numerusform></translation>
    </message>
</context>
<context>
    <name>kw::ui::Session</name>
    <message>
        <source>Verifier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Auditor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Responder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>verify keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>read keys, usage and the audit trail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>suspend, resume and revoke keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>issue keys and change policies</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your role (%1) may not %2.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::SettingsView</name>
    <message>
        <source>Lock after minutes of inactivity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear copied secrets after seconds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Days before expiry a key counts as expiring soon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Lock after inactivity:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear copied &amp;secrets after:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Expiring soon means within:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing is open.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2
Acting as %3, role %4.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Local vault</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::Sparkline</name>
    <message numerus="yes">
        <source>%n request(s) over %1 days</source>
        <translation>
            <numerusform>%n request over %1 days</numerusform><numerusform>%n requests over %1 days</numerusform></translation>
    </message>
</context>
<context>
    <name>kw::ui::StartPage</name>
    <message>
        <source>&lt;h1&gt;KeyWarden&lt;/h1&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>API keys: issued with policies, watched in use, revoked in seconds.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Create a vault…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A new encrypted vault file on this computer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Open a vault…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlock an existing vault file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connect to a &amp;server…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Manage the keys of a KeyWarden key server as an operator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open the &amp;demo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A vault with a realistic organisation, keys and 90 days of usage, to explore safely</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recent vaults and servers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Recent&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing opened yet.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::StatusChangeCommand</name>
    <message>
        <source>No key selected</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Suspended %n key(s)</source>
        <translation>
            <numerusform>Suspended %n key</numerusform><numerusform>Suspended %n keys</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Resumed %n key(s)</source>
        <translation>
            <numerusform>Resumed %n key</numerusform><numerusform>Resumed %n keys</numerusform></translation>
    </message>
    <message>
        <source>No key was suspended</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No key was resumed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Suspended only %1 of %2 keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resumed only %1 of %2 keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::StatusChangeDialog</name>
    <message>
        <source>Suspend Keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resume Keys</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Suspend %n key(s): they are rejected until resumed.</source>
        <translation>
            <numerusform>Suspend %n key: they are rejected until resumed.</numerusform><numerusform>Suspend %n keys: they are rejected until resumed.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Resume %n key(s): they are accepted again.</source>
        <translation>
            <numerusform>Resume %n key: they are accepted again.</numerusform><numerusform>Resume %n keys: they are accepted again.</numerusform></translation>
    </message>
    <message>
        <source>Keys to suspend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keys to resume</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>required, recorded in the audit trail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Suspend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Suspend</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Give a reason first</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::StatusStyle</name>
    <message>
        <source>Active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotating</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expiring soon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In grace period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::TypedConfirmation</name>
    <message>
        <source>Confirmation text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>To confirm, &amp;type &lt;b&gt;%1&lt;/b&gt;:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type %1 to confirm</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kw::ui::UnlockDialog</name>
    <message>
        <source>Unlock vault</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is locked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Vault passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Caps Lock is on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Wrong passphrase. Try again.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Wrong passphrase. You can try again in %n second(s).</source>
        <translation>
            <numerusform>Wrong passphrase. You can try again in %n second.</numerusform><numerusform>Wrong passphrase. You can try again in %n seconds.</numerusform></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>KeyWarden console: manage API keys in a local vault or on a key server.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open the vault file &lt;path&gt;.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connect to the key server at &lt;url&gt;.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open the demo vault (created on first use).</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
