# Golden tests: every bundled scenario's text report must equal its checked-in expected
# report byte for byte. Scenarios run from the repository root by their relative path, as
# `./lab run` and `./lab golden` do, so reports name them the same everywhere. `./lab golden` rewrites them; review the diff before committing.
file(GLOB bundled_scenarios CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/scenarios/*.vlab")
foreach(scenario ${bundled_scenarios})
  get_filename_component(name "${scenario}" NAME_WE)
  add_test(NAME golden.${name}
    COMMAND ${CMAKE_COMMAND}
      -DTOKENLAB=$<TARGET_FILE:tokenlab>
      -DSCENARIO=scenarios/${name}.vlab
      -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR}
      -DEXPECTED=${CMAKE_CURRENT_SOURCE_DIR}/scenarios/golden/${name}.txt
      -DACTUAL=${CMAKE_CURRENT_BINARY_DIR}/golden/${name}.txt
      -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/golden_check.cmake)
  set_tests_properties(golden.${name} PROPERTIES TIMEOUT 60)
endforeach()
