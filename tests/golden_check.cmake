# Runs one scenario and compares its text report with the expected file.
get_filename_component(dir "${ACTUAL}" DIRECTORY)
file(MAKE_DIRECTORY "${dir}")
execute_process(COMMAND "${TOKENLAB}" run "${SCENARIO}"
  WORKING_DIRECTORY "${SOURCE_DIR}"
  OUTPUT_FILE "${ACTUAL}" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tokenlab run ${SCENARIO} exited ${rc} (an expectation failed?)\n${err}")
endif()
if(NOT EXISTS "${EXPECTED}")
  message(FATAL_ERROR "no expected report ${EXPECTED}; run ./lab golden and review it")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${EXPECTED}" "${ACTUAL}" RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  execute_process(COMMAND diff -u "${EXPECTED}" "${ACTUAL}" OUTPUT_VARIABLE d)
  message(FATAL_ERROR "report differs from ${EXPECTED}:\n${d}")
endif()
