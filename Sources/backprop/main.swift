import BackpropApp

BackpropCommand.runWithUsageStatus()
