kw_add_test(tst_ui_keytree SOURCES tst_ui_keytree.cpp LABELS ui GUI LIBS kwuitestsupport)
kw_add_test(tst_ui_console SOURCES tst_ui_console.cpp LABELS ui GUI LIBS kwuitestsupport)
kw_add_test(tst_ui_remote SOURCES tst_ui_remote.cpp LABELS ui integration GUI LIBS kwuitestsupport)
kw_add_test(tst_ui_usage SOURCES tst_ui_usage.cpp LABELS ui GUI LIBS kwuitestsupport)
kw_add_test(tst_ui_expirations SOURCES tst_ui_expirations.cpp LABELS ui GUI LIBS kwuitestsupport)
kw_add_test(tst_ui_revocation SOURCES tst_ui_revocation.cpp LABELS ui integration GUI LIBS kwuitestsupport)
# The audit log, compliance and reports views (a long trail, tampering found, kwctl agreeing, roles on keywardend).
kw_add_test(tst_ui_audit SOURCES tst_ui_audit.cpp LABELS ui integration GUI LIBS kwuitestsupport)
add_dependencies(tst_ui_audit kwctl keywardend)
# The alerts view, its rules editor and outbox, and the alert monitor over a local vault.
kw_add_test(tst_ui_alerts SOURCES tst_ui_alerts.cpp LABELS ui GUI LIBS kwuitestsupport)
