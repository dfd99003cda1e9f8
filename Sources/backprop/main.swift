import BackpropApp

NonInteractiveBacktrace.ensure()
BackpropCommand.runWithUsageStatus()
