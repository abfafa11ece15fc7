# Cross-compiles inkset for 32-bit ARM Linux (armhf: e-reader boards such as i.MX6 and Allwinner) with
# Debian's arm-linux-gnueabihf toolchain, against a sysroot of Debian armhf packages unpacked by
# tools/cross-armhf. The tests run under qemu-user.
#   cmake -S . -B build-armhf -DCMAKE_TOOLCHAIN_FILE=tools/cross/armhf-toolchain.cmake \
#         -DINKSET_ARMHF_SYSROOT=$PWD/build-armhf/sysroot -DINKSET_WITH_SDL=OFF
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabihf)

# Relative to this file, not to CMAKE_SOURCE_DIR: try_compile projects read this file again elsewhere.
set(INKSET_ARMHF_SYSROOT "${CMAKE_CURRENT_LIST_DIR}/../../build-armhf/sysroot" CACHE PATH "Root of the unpacked armhf packages")
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES INKSET_ARMHF_SYSROOT)
set(CMAKE_SYSROOT "${INKSET_ARMHF_SYSROOT}")

set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabihf-g++)

# Headers and libraries come from the sysroot only; programs (pkg-config, code generators) from the host.
set(CMAKE_FIND_ROOT_PATH "${CMAKE_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(ENV{PKG_CONFIG_SYSROOT_DIR} "${CMAKE_SYSROOT}")
set(ENV{PKG_CONFIG_LIBDIR} "${CMAKE_SYSROOT}/usr/lib/arm-linux-gnueabihf/pkgconfig:${CMAKE_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# ctest and catch_discover_tests run the armhf binaries through the emulator.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm -L "${CMAKE_SYSROOT}")
