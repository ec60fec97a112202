#pragma once
// `danchu verify-ledger`: checks an organisation's published disclosure ledger offline or
// from a running site, and names the first bad entry.
//
//   danchu verify-ledger --url http://HOST:PORT/o/<slug>   fetches ledger.jsonl and ledger/key
//   danchu verify-ledger --file ledger.jsonl --key KEY      KEY: 64 hex characters, or a file
//                                                            holding them or the served JSON
// Exit 0 when every entry is chained and signed; 1 when verification fails (the first bad
// entry is printed); 2 for a usage or fetch error.

#include <CLI/CLI.hpp>

namespace danchu::disclosures {

void add_verify_ledger_command(CLI::App& app, int& exit_code);

}  // namespace danchu::disclosures
