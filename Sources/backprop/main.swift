import BackpropApp
BackpropCommand.main()
