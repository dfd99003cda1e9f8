import BackpropApp

ProcessStart.ensure()
BackpropCommand.runWithUsageStatus()
