# danchu_embed_files(<target> NAMESPACE <c++ namespace> BASE <dir> FILES <file>...)
#
# Compiles the given files into <target> (a static library) so the binary carries its
# reference data, templates and migrations and runs from any working directory. The
# generated source defines, in the given namespace:
#
#     std::span<const danchu::EmbeddedFile> embedded_files();   // sorted by path
#
# (see src/core/embedded.hpp); declare that function in a header of the owning layer.
#
# `path` is relative to BASE. Editing a file and rebuilding updates the binary.
set(_DANCHU_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/EmbedGenerate.cmake)

function(danchu_embed_files target)
  cmake_parse_arguments(ARG "" "NAMESPACE;BASE" "FILES" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded.cpp)
  set(list_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded.list)
  list(SORT ARG_FILES)
  string(REPLACE ";" "\n" files_text "${ARG_FILES}")
  file(WRITE ${list_file}.tmp "${files_text}\n")
  file(COPY_FILE ${list_file}.tmp ${list_file} ONLY_IF_DIFFERENT)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DLIST=${list_file} -DBASE=${ARG_BASE}
            -DNS=${ARG_NAMESPACE} -P ${_DANCHU_EMBED_SCRIPT}
    DEPENDS ${ARG_FILES} ${list_file} ${_DANCHU_EMBED_SCRIPT}
    COMMENT "Embedding ${target} files"
    VERBATIM)
  add_library(${target} STATIC ${out})
  target_compile_options(${target} PRIVATE -Wno-overlength-strings)
  target_link_libraries(${target} PUBLIC danchu_core)
endfunction()
