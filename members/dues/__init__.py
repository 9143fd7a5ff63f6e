"""Dues: membership plans and periods, renewals and reminders, paid through payments.

- periods: the pure arithmetic of membership periods
- services: every write about memberships (and the reminder task)
- selectors: a company's dues as My space shows them, the treasurer's figures
- forms: the plan choice, with its fees
- views: joining and renewing from My space

Built on the base of members (models, services) and on payments; the base of members never imports it.
"""
