/* Everything the guest library offers. */
#ifndef GUEST_H
#define GUEST_H

#include "exception.h"
#include "libc.h"
#include "lower_el.h"
#include "mmu.h"
#include "platform.h"
#include "sysreg.h"

#endif
