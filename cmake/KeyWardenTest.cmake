# kw_add_test(NAME SOURCES... LABELS label... [LIBS lib...] [GUI])
# One place that registers a Qt Test suite with CTest: pinned C locale and time zone so results do not
# depend on the machine, offscreen platform for GUI suites, and a per-test scratch HOME.
function(kw_add_test name)
    cmake_parse_arguments(KT "GUI" "TIMEOUT" "SOURCES;LABELS;LIBS" ${ARGN})
    add_executable(${name} ${KT_SOURCES})
    target_link_libraries(${name} PRIVATE kwtestsupport Qt6::Test ${KT_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    set(env "LC_ALL=C.UTF-8;LANG=C.UTF-8;TZ=UTC;QT_QPA_PLATFORM=offscreen;KW_BUILD_DIR=${CMAKE_BINARY_DIR}")
    if(NOT KT_TIMEOUT)
        set(KT_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${KT_LABELS}" ENVIRONMENT "${env}" TIMEOUT ${KT_TIMEOUT})
endfunction()
