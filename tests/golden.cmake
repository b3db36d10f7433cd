# Golden tests: what tokenlab prints for the library and the course must equal the checked-in
# expected output byte for byte. Everything runs from the repository root by its relative
# path, as `./lab run` and `./lab golden` do, so reports name files the same everywhere.
# `./lab golden` rewrites the expected files; review the diff before committing.

# golden_test(NAME VERB FILE EXPECTED EXPECT_RC [EXTRA_ARGUMENTS...])
function(golden_test name verb file expected expect_rc)
  if(IS_ABSOLUTE "${file}")
    file(RELATIVE_PATH relative "${CMAKE_CURRENT_SOURCE_DIR}" "${file}")
  else()
    set(relative "${file}")
  endif()
  string(REPLACE ";" "," extra "${ARGN}")
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND}
      -DTOKENLAB=$<TARGET_FILE:tokenlab>
      -DVERB=${verb}
      -DEXTRA=${extra}
      -DEXPECT_RC=${expect_rc}
      -DSCENARIO=${relative}
      -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR}
      -DEXPECTED=${expected}
      -DACTUAL=${CMAKE_CURRENT_BINARY_DIR}/golden/${name}.txt
      -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/golden_check.cmake)
  set_tests_properties(${name} PROPERTIES TIMEOUT 120)
endfunction()

# The library is every scenarios/<topic>/*.vlab but the capacity scenarios (scenarios/capacity/),
# long runs started by hand (cli/library.cpp lists the library by the same rule). Of those, the
# 20-client fleet followed by ordinary steps has a golden report, and so has the 1,000-client
# reference workload, checked in the optimised build (TOKENLAB_LONG_TESTS): under the
# sanitizers it takes minutes.
file(GLOB bundled_scenarios CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/scenarios/*/*.vlab")
list(FILTER bundled_scenarios EXCLUDE REGEX "/scenarios/capacity/")
list(APPEND bundled_scenarios "${CMAKE_CURRENT_SOURCE_DIR}/scenarios/capacity/after-the-horizon.vlab")
if(TOKENLAB_LONG_TESTS)
  list(APPEND bundled_scenarios "${CMAKE_CURRENT_SOURCE_DIR}/scenarios/capacity/reference-workload-n1000.vlab")
endif()
foreach(scenario ${bundled_scenarios})
  get_filename_component(name "${scenario}" NAME_WE)
  get_filename_component(dir "${scenario}" DIRECTORY)
  golden_test(golden.${name} run "${scenario}" "${dir}/golden/${name}.txt" 0)
endforeach()

# The course: every lesson's worked scenario and every solution passes, with its report;
# every exercise as it ships is not solved (exit 1), with the grader's message.
file(GLOB lessons CONFIGURE_DEPENDS LIST_DIRECTORIES true "${CMAKE_CURRENT_SOURCE_DIR}/tutorials/[0-9][0-9]-*")
foreach(lesson ${lessons})
  get_filename_component(id "${lesson}" NAME)
  golden_test(course.${id}.lesson run "${lesson}/lesson.vlab" "${lesson}/golden/lesson.txt" 0)
  file(GLOB solutions CONFIGURE_DEPENDS "${lesson}/solutions/*.vlab")
  foreach(solution ${solutions})
    get_filename_component(name "${solution}" NAME_WE)
    golden_test(course.${id}.solution.${name} run "${solution}"
      "${lesson}/golden/solutions/${name}.txt" 0)
  endforeach()
  file(GLOB exercises CONFIGURE_DEPENDS "${lesson}/exercise-*.vlab")
  foreach(exercise ${exercises})
    get_filename_component(name "${exercise}" NAME_WE)
    golden_test(course.${id}.unsolved.${name} check "${exercise}"
      "${lesson}/golden/${name}.check.txt" 1)
  endforeach()
endforeach()

# The instructor's handout of the lesson with the documented 6h + 9h -> 4h example, as a
# class gets it.
golden_test(course.handout handout 3 "${CMAKE_CURRENT_SOURCE_DIR}/tutorials/03-ttl-and-renewal/golden/handout.md" 0 --solutions)

# The three defining examples in the picture formats (the Markdown report with its Mermaid
# charts, the Chrome trace for Perfetto, the HTML page with its SVG timeline) and as JUnit
# XML for CI.
foreach(example renewal/renew-capped-by-max-ttl-6h-9h max-ttl/mount-tune-shrinks-max-ttl-7157
        leases/parent-revocation-kills-aws-leases)
  get_filename_component(topic "${example}" DIRECTORY)
  get_filename_component(name "${example}" NAME)
  set(golden "${CMAKE_CURRENT_SOURCE_DIR}/scenarios/${topic}/golden/${name}")
  golden_test(pictures.${name}.md run "scenarios/${example}.vlab" "${golden}.md" 0 --format md)
  golden_test(pictures.${name}.trace run "scenarios/${example}.vlab" "${golden}.trace.json" 0
    --format trace)
  golden_test(pictures.${name}.html run "scenarios/${example}.vlab" "${golden}.html" 0
    --format html)
  golden_test(formats.${name}.junit run "scenarios/${example}.vlab" "${golden}.junit.xml" 0
    --format junit)
endforeach()

# The bench's bare event-heap kernel (bench/kernel.cpp) gives the reference counts, the same
# lines as tokenlab's 1,000-client fleet (scenarios/capacity/golden/reference-workload-n1000.txt).
add_test(NAME bench.kernel-n1000
  COMMAND sh -c "\"$1\" 1000 | diff - \"$2\"" kernel
    $<TARGET_FILE:tokenlab_bench_kernel> ${CMAKE_CURRENT_SOURCE_DIR}/bench/golden/kernel-n1000.txt)
