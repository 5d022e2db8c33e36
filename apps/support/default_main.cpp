// The `main` behind `cohook::main`: starts the process-wide default server with every endpoint
// registered through COHOOK_WEBHOOK, like the end of a Python script using `@webhook_endpoint`.
#include <cohook/default_server.hpp>

int main(int argc, char** argv) {
    return cohook::run_default_server(argc, argv);
}
