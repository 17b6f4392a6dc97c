# Runs COMMAND (words separated by |) and writes its standard output to OUTPUT; fails the
# build when the command fails. Used to write the shell completion scripts stacklint prints.
#   cmake "-DCOMMAND=path/to/stacklint|completion|bash" -DOUTPUT=file -P capture.cmake
string(REPLACE "|" ";" command "${COMMAND}")
execute_process(COMMAND ${command} OUTPUT_FILE ${OUTPUT}.tmp RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE ${OUTPUT}.tmp)
  message(FATAL_ERROR "${command} failed: ${status}")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
