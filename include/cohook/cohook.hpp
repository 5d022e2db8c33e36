#pragma once

// Everything a cohook user needs, in one include.

#include <cohook/background_tasks.hpp>
#include <cohook/command_line.hpp>
#include <cohook/default_server.hpp>
#include <cohook/handler.hpp>
#include <cohook/headers.hpp>
#include <cohook/http_limits.hpp>
#include <cohook/log_level.hpp>
#include <cohook/request.hpp>
#include <cohook/response.hpp>
#include <cohook/server_options.hpp>
#include <cohook/validation_errors.hpp>
#include <cohook/verifier.hpp>
#include <cohook/verifiers.hpp>
#include <cohook/webhook_payload.hpp>
#include <cohook/webhooks_server.hpp>
