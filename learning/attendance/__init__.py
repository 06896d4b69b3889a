"""Attendance at live sessions: one record per place and session, the service that keeps a
session's register, and the staff form in the Wagtail admin that calls it."""
