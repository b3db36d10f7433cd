# Golden tests: every bundled scenario's text report must equal its checked-in expected
# report byte for byte. Scenarios run from the repository root by their relative path, as
# `./lab run` and `./lab golden` do, so reports name them the same everywhere. `./lab golden` rewrites them; review the diff before committing.
# The library is every scenarios/<topic>/*.vlab but the capacity scenarios (scenarios/capacity/),
# long runs started by hand, of which only the 1,000-client reference workload has a golden
# report (cli/library.cpp lists the library by the same rule).
file(GLOB bundled_scenarios CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/scenarios/*/*.vlab")
list(FILTER bundled_scenarios EXCLUDE REGEX "/scenarios/capacity/")
list(APPEND bundled_scenarios "${CMAKE_CURRENT_SOURCE_DIR}/scenarios/capacity/reference-workload-n1000.vlab")
foreach(scenario ${bundled_scenarios})
  get_filename_component(name "${scenario}" NAME_WE)
  file(RELATIVE_PATH relative "${CMAKE_CURRENT_SOURCE_DIR}" "${scenario}")
  get_filename_component(dir "${relative}" DIRECTORY)
  add_test(NAME golden.${name}
    COMMAND ${CMAKE_COMMAND}
      -DTOKENLAB=$<TARGET_FILE:tokenlab>
      -DSCENARIO=${relative}
      -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR}
      -DEXPECTED=${CMAKE_CURRENT_SOURCE_DIR}/${dir}/golden/${name}.txt
      -DACTUAL=${CMAKE_CURRENT_BINARY_DIR}/golden/${name}.txt
      -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/golden_check.cmake)
  set_tests_properties(golden.${name} PROPERTIES TIMEOUT 120)
endforeach()
