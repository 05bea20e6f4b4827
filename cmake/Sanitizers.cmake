# ATTENTION_STUDIO_SANITIZE: AddressSanitizer + UndefinedBehaviorSanitizer (gcc) on our own targets.
#
# Flags go on each target (never CMAKE_CXX_FLAGS): studio_sanitize_all_targets() walks the targets
# this project defined, after they exist, so LibTorch, Qt and the other system libraries stay
# uninstrumented (docs/RELIABILITY.md, "Sanitizers", says how their false positives are handled).
# The top-level CMakeLists.txt leaves out the window and its tests in this mode.

set(STUDIO_SANITIZE_COMPILE_OPTIONS
  -fsanitize=address,undefined
  # A finding stops the program (non-zero exit) whatever UBSAN_OPTIONS say.
  -fno-sanitize-recover=all
  -fno-omit-frame-pointer
  # -O1 keeps the training tests' own loops fast enough; line tables (-g1) give the reports'
  # file:line without the size of full torch debug information. Both override the build type's.
  -O1 -g1
)
set(STUDIO_SANITIZE_LINK_OPTIONS -fsanitize=address,undefined)

# Instruments every static library and executable defined in DIR and its subdirectories.
function(studio_sanitize_all_targets dir)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "STATIC_LIBRARY" OR type STREQUAL "EXECUTABLE")
      target_compile_options(${target} PRIVATE ${STUDIO_SANITIZE_COMPILE_OPTIONS})
      target_link_options(${target} PRIVATE ${STUDIO_SANITIZE_LINK_OPTIONS})
    endif()
  endforeach()
  get_property(subdirectories DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(subdirectory IN LISTS subdirectories)
    studio_sanitize_all_targets("${subdirectory}")
  endforeach()
endfunction()
