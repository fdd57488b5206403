from framework_advisor.cli import main

main()
