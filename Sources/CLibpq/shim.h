// libpq for Swift: the header is plain enough to import as is.
#include <libpq-fe.h>
