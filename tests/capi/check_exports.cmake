# Fails unless the shared library LIBRARY exports exactly the functions HEADER declares
# (liaison_*), and no other symbol: no engine, Abseil, libstdc++ or TBB symbol leaks out.
# Usage: cmake -DLIBRARY=libliaison.so -DHEADER=include/liaison.h -DNM=nm -P check_exports.cmake
execute_process(COMMAND ${NM} -D --defined-only ${LIBRARY}
                OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -D --defined-only ${LIBRARY} failed (${rc})")
endif()

# Declared: every "liaison_name(" in the header is a function declaration.
file(READ ${HEADER} header)
string(REGEX MATCHALL "liaison_[a-z0-9_]+\\(" declared "${header}")
list(TRANSFORM declared REPLACE "\\($" "")
list(REMOVE_DUPLICATES declared)
list(SORT declared)

string(REPLACE "\n" ";" lines "${symbols}")
set(exported "")
set(bad "")
foreach(line IN LISTS lines)
  if(line STREQUAL "")
    continue()
  endif()
  # "<address> <type> <name>[@version]"; a function is of type T.
  if(line MATCHES "^[0-9a-fA-F]+ T (liaison_[a-z0-9_]+)$")
    list(APPEND exported ${CMAKE_MATCH_1})
  else()
    list(APPEND bad "${line}")
  endif()
endforeach()
list(SORT exported)
if(bad)
  list(JOIN bad "\n  " text)
  message(FATAL_ERROR "${LIBRARY} exports symbols other than liaison_* functions:\n  ${text}")
endif()
set(missing ${declared})
list(REMOVE_ITEM missing ${exported})
set(extra ${exported})
list(REMOVE_ITEM extra ${declared})
if(missing OR extra)
  message(FATAL_ERROR "${LIBRARY}: declared in ${HEADER} but not exported: [${missing}]; "
                      "exported but not declared: [${extra}]")
endif()
list(LENGTH exported n)
message(STATUS "${LIBRARY}: exports exactly the ${n} functions of ${HEADER}, nothing else")
