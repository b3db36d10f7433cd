# Runs `tokenlab VERB SCENARIO [EXTRA...]` from the repository's root and compares what it
# prints with the expected file. VERB is run (a report; the run must pass, exit 0), check
# (the grader's answer to an exercise as it ships: not solved, exit 1) or handout. The
# learner's progress goes nowhere (TOKENLAB_PROGRESS=/dev/null).
if(NOT DEFINED VERB)
  set(VERB run)
endif()
string(REPLACE "," ";" EXTRA "${EXTRA}")
if(NOT DEFINED EXPECT_RC)
  set(EXPECT_RC 0)
endif()
get_filename_component(dir "${ACTUAL}" DIRECTORY)
file(MAKE_DIRECTORY "${dir}")
set(ENV{TOKENLAB_PROGRESS} /dev/null)
execute_process(COMMAND "${TOKENLAB}" ${VERB} "${SCENARIO}" ${EXTRA}
  WORKING_DIRECTORY "${SOURCE_DIR}"
  OUTPUT_FILE "${ACTUAL}" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL EXPECT_RC)
  message(FATAL_ERROR "tokenlab ${VERB} ${SCENARIO} exited ${rc}, not ${EXPECT_RC}\n${err}")
endif()
if(NOT EXISTS "${EXPECTED}")
  message(FATAL_ERROR "no expected output ${EXPECTED}; run ./lab golden and review it")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${EXPECTED}" "${ACTUAL}" RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  execute_process(COMMAND diff -u "${EXPECTED}" "${ACTUAL}" OUTPUT_VARIABLE d)
  message(FATAL_ERROR "output differs from ${EXPECTED}:\n${d}")
endif()
