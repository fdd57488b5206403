from framework_advisor._entry import main

main()
