# Fails when a user-visible string has no finished translation: lupdate reads
# the sources into a copy of each .ts (new strings come in unfinished), then
# every message must have a finished, non-empty translation.
#   cmake -DLUPDATE=… -DLST=sources.lst -DOPTIONS="a|b" -DTS_FILES="x.ts|y.ts" -DWORK=dir -P check_translations.cmake
string(REPLACE "|" ";" options "${OPTIONS}")
string(REPLACE "|" ";" ts_files "${TS_FILES}")
set(failed 0)
foreach(ts ${ts_files})
  get_filename_component(name ${ts} NAME)
  set(copy ${WORK}/${name})
  file(COPY_FILE ${ts} ${copy})
  execute_process(COMMAND ${LUPDATE} ${options} @${LST} -ts ${copy} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed on ${name}")
  endif()
  file(READ ${copy} text)
  string(REPLACE ";" "(semicolon)" text "${text}")  # CMake lists split on semicolons
  string(REPLACE "[" "(" text "${text}")
  string(REPLACE "]" ")" text "${text}")
  # One entry per message: <source>…</source> then its <translation …>.
  string(REGEX MATCHALL "<source>[^<]*</source>[ \n]*(<comment>[^<]*</comment>[ \n]*)?<translation( type=\"unfinished\")?>[^<]*<[/n]" messages "${text}")
  foreach(m ${messages})
    # Unfinished, or an empty translation ("<translation></"); "<n" starts numerus forms.
    if(m MATCHES "type=\"unfinished\"" OR m MATCHES "<translation>[ \n]*</$")
      string(REGEX REPLACE "^<source>([^<]*)</source>.*" "\\1" source "${m}")
      message("${name}: untranslated: ${source}")
      math(EXPR failed "${failed} + 1")
    endif()
  endforeach()
  list(LENGTH messages count)
  message("${name}: ${count} messages checked")
endforeach()
if(failed GREATER 0)
  message(FATAL_ERROR "${failed} untranslated string(s): translate them in Qt Linguist (see docs/TRANSLATING.md)")
endif()
