#include <cohook/background_tasks.hpp>

#include "observe/log.hpp"
#include "server/task_tracker.hpp"

#include <asio/co_spawn.hpp>
#include <asio/post.hpp>

#include <exception>

namespace cohook {

namespace {

void log_task_failure(std::exception_ptr error) {
    if (!error) return;
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        detail::log_error("background task failed: {}", e.what());
    } catch (...) {
        detail::log_error("background task failed with a non-standard exception");
    }
}

}  // namespace

BackgroundTasks::BackgroundTasks(std::shared_ptr<detail::TaskTracker> tracker, asio::any_io_executor executor,
                                 asio::any_io_executor blocking_executor)
    : tracker_(std::move(tracker)),
      executor_(std::move(executor)),
      blocking_executor_(std::move(blocking_executor)) {}

void BackgroundTasks::spawn(asio::awaitable<void> task) {
    tracker_->begin();
    asio::co_spawn(executor_, std::move(task), [tracker = tracker_](std::exception_ptr error) {
        log_task_failure(error);
        tracker->end();
    });
}

void BackgroundTasks::add(std::function<void()> task) {
    tracker_->begin();
    asio::post(blocking_executor_, [tracker = tracker_, task = std::move(task)] {
        try {
            task();
        } catch (...) {
            log_task_failure(std::current_exception());
        }
        tracker->end();
    });
}

}  // namespace cohook
