"""Rules: findings, severities, the rule catalogue and the engine that runs it."""
