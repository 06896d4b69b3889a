"""Every write in bookings: one module per action, each owning its transaction and locks."""
