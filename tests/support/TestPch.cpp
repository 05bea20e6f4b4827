// Compiled only to build the precompiled header the core tests share.
