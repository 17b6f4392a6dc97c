// `stacklint lsp`: the language server, on stdin and stdout.
#include <unistd.h>

#include <iostream>

#include "cli/command.hpp"
#include "lsp/server.hpp"

namespace stacklint::cli {

Subcommand add_lsp_command(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "lsp",
        "Run as a language server (LSP 3.17 over stdin and stdout) for editors: diagnostics as "
        "you type, fixes and suppressions as code actions, hover, go to definition, references");
    return {cmd, [] {
                std::ios::sync_with_stdio(false);
                lsp::Reader reader(STDIN_FILENO);
                lsp::Server server(std::cout);
                const int code = server.run(reader);
                if (!reader.error().empty()) {
                    std::cerr << "stacklint lsp: " << reader.error() << '\n';
                    return kExitToolError;
                }
                return code;
            }};
}

}  // namespace stacklint::cli
