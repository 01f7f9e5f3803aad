/* stdlib/errno.c — the errno module: every E* constant of CPython's
 * Modules/errnomodule.c that this platform defines, added in CPython's
 * order so that errorcode (number → name, a later alias overriding an
 * earlier name) lists them exactly as CPython's does. */
#include <errno.h>

#include "stdlib/modsupport.h"
#include "stdlib/native.h"

/* The names in the order of CPython 3.11's errno module dict on Linux. */
#define ERRNO_NAMES(X) \
    X(ENODEV) X(ENOCSI) X(EHOSTUNREACH) X(ENOMSG) X(EUCLEAN) X(EL2NSYNC) X(EL2HLT) X(ENODATA) \
    X(ENOTBLK) X(ENOSYS) X(EPIPE) X(EINVAL) X(EOVERFLOW) X(EADV) X(EINTR) X(EUSERS) X(ENOTEMPTY) \
    X(ENOBUFS) X(EPROTO) X(EREMOTE) X(ENAVAIL) X(ECHILD) X(ELOOP) X(EXDEV) X(E2BIG) X(ESRCH) \
    X(EMSGSIZE) X(EAFNOSUPPORT) X(EBADR) X(EHOSTDOWN) X(EPFNOSUPPORT) X(ENOPROTOOPT) X(EBUSY) \
    X(EWOULDBLOCK) X(EBADFD) X(EDOTDOT) X(EISCONN) X(ENOANO) X(ESHUTDOWN) X(ECHRNG) X(ELIBBAD) \
    X(ENONET) X(EBADE) X(EBADF) X(EMULTIHOP) X(EIO) X(EUNATCH) X(EPROTOTYPE) X(ENOSPC) \
    X(ENOEXEC) X(EALREADY) X(ENETDOWN) X(ENOTNAM) X(EACCES) X(ELNRNG) X(EILSEQ) X(ENOTDIR) \
    X(ENOTUNIQ) X(EPERM) X(EDOM) X(EXFULL) X(ECONNREFUSED) X(EISDIR) X(EPROTONOSUPPORT) X(EROFS) \
    X(EADDRNOTAVAIL) X(EIDRM) X(ECOMM) X(ESRMNT) X(EREMOTEIO) X(EL3RST) X(EBADMSG) X(ENFILE) \
    X(ELIBMAX) X(ESPIPE) X(ENOLINK) X(ENETRESET) X(ETIMEDOUT) X(ENOENT) X(EEXIST) X(EDQUOT) \
    X(ENOSTR) X(EBADSLT) X(EBADRQC) X(ELIBACC) X(EFAULT) X(EFBIG) X(EDEADLK) X(ENOTCONN) \
    X(EDESTADDRREQ) X(ELIBSCN) X(ENOLCK) X(EISNAM) X(ECONNABORTED) X(ENETUNREACH) X(ESTALE) \
    X(ENOSR) X(ENOMEM) X(ENOTSOCK) X(ESTRPIPE) X(EMLINK) X(ERANGE) X(ELIBEXEC) X(EL3HLT) \
    X(ECONNRESET) X(EADDRINUSE) X(EOPNOTSUPP) X(EREMCHG) X(EAGAIN) X(ENAMETOOLONG) X(ENOTTY) \
    X(ERESTART) X(ESOCKTNOSUPPORT) X(ETIME) X(EBFONT) X(EDEADLOCK) X(ETOOMANYREFS) X(EMFILE) \
    X(ETXTBSY) X(EINPROGRESS) X(ENXIO) X(ENOPKG) X(ENOMEDIUM) X(EMEDIUMTYPE) X(ECANCELED) \
    X(ENOKEY) X(EKEYEXPIRED) X(EKEYREVOKED) X(EKEYREJECTED) X(EOWNERDEAD) X(ENOTRECOVERABLE) \
    X(ERFKILL) X(ENOTSUP)

Value mp_errno_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "errno", &d);
    Value codes = m ? rt_dict_new(vm) : VNULL;
    if (!codes || !rt_dict_set_cstr(vm, d, "errorcode", codes))
        return VNULL;
#define X(name)                                                                    \
    {                                                                              \
        Value k = rt_str_intern_cstr(vm, #name), v = v_from_small(name);           \
        if (!k || !rt_dict_set_str(vm, d, k, v) || !rt_dict_set(vm, v_dict(codes), v, k)) \
            return VNULL;                                                          \
    }
    ERRNO_NAMES(X)
#undef X
    return m;
}
