kw_add_test(tst_ui_keytree SOURCES tst_ui_keytree.cpp LABELS ui GUI LIBS kwuitestsupport)
kw_add_test(tst_ui_console SOURCES tst_ui_console.cpp LABELS ui GUI LIBS kwuitestsupport)
kw_add_test(tst_ui_remote SOURCES tst_ui_remote.cpp LABELS ui integration GUI LIBS kwuitestsupport)
