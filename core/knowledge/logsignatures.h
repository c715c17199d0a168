#pragma once

#include "core/knowledge/signatures.h"

namespace duo {

// Known failures seen only in logs of GitLab 18/19, the gateway, the Agent Platform service, model platforms
// and runners (duo-doctor analyze): rows of the signature table that no check produces. signatureTable()
// appends them after its own rows.
const QList<Signature>& logOnlySignatures();

} // namespace duo
