#pragma once
// The error type is part of the public API; engine code includes it through this path too.
#include <inkset/result.h>
