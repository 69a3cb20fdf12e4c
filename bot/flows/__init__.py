"""Multi-step procedures on an incident (declare, assign, change, resolve).

They coordinate the store and Slack; they know nothing of Bolt requests.
"""
