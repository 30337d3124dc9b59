# The key commands, their dialogs and the create-key wizard, over real vault files (ctest -R commands).
kw_add_test(tst_ui_commands SOURCES tst_ui_commands.cpp LABELS ui GUI LIBS kwuitestsupport)
kw_add_test(tst_ui_commands_wizard SOURCES tst_wizard.cpp LABELS ui GUI LIBS kwuitestsupport)
