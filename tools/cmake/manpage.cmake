# Writes stacklint's man page from its own --help and --version with help2man, so the page
# cannot drift from the binary: the top-level help, then one section per subcommand with its
# --help (the subcommands are read from the "Subcommands:" list of the top-level help).
#   cmake -DSTACKLINT=path/to/stacklint -DHELP2MAN=help2man -DINCLUDE=docs/stacklint.h2m
#         -DOUTPUT=stacklint.1 -P manpage.cmake
execute_process(COMMAND ${STACKLINT} --help OUTPUT_VARIABLE help RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${STACKLINT} --help failed: ${status}")
endif()
string(REGEX MATCH "\nSubcommands:\n([^\n]+\n)+" listed "${help}")
string(REGEX MATCHALL "\n  [a-z-]+ " names "${listed}")
if(NOT names)
  message(FATAL_ERROR "no subcommands in ${STACKLINT} --help")
endif()

file(READ ${INCLUDE} sections)
string(APPEND sections "\n[SUBCOMMANDS]\n")
foreach(name IN LISTS names)
  string(STRIP "${name}" name)
  execute_process(COMMAND ${STACKLINT} ${name} --help OUTPUT_VARIABLE text RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${STACKLINT} ${name} --help failed: ${status}")
  endif()
  # roff: a backslash is \e; a line starting with . or ' would be a request.
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  string(APPEND sections ".SS \"stacklint ${name}\"\n.nf\n${text}.fi\n")
endforeach()
get_filename_component(output_dir ${OUTPUT} DIRECTORY)
set(include_file ${output_dir}/stacklint.h2m)
file(WRITE ${include_file} "${sections}")

execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr --include=${include_file}
                  --output=${OUTPUT}.tmp ${STACKLINT}
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE ${OUTPUT}.tmp)
  message(FATAL_ERROR "help2man failed: ${status}")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
