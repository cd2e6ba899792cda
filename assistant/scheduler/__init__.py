"""The scheduler: fires reminders, timers and watches exactly once, in real or simulated time."""
from assistant.scheduler.background import BackgroundScheduler, start_background_scheduler
from assistant.scheduler.core import LATE_AFTER, STAGES, Scheduler
from assistant.scheduler.delivery import Deliver, Delivered, desktop_delivery, fan_out, terminal_delivery
from assistant.scheduler.sources import DueItem, Fired
from assistant.scheduler.store import list_firings

__all__ = ["BackgroundScheduler", "Deliver", "Delivered", "DueItem", "Fired", "LATE_AFTER", "STAGES",
           "Scheduler", "desktop_delivery", "fan_out", "list_firings", "start_background_scheduler",
           "terminal_delivery"]
