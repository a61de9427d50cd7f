"""Municipal revenue (DESIGN §10), pure: holdings' tax schedules, assessment, demand lines and the
ledger's apportionment of payments. Money is integer poisha throughout; nothing here touches AWS."""
