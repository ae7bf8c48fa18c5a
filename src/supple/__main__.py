from supple.cli.app import main

main()
