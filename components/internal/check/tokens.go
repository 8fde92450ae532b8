package check

// WebServiceType is the WebService component's type token. It lives here
// because the cluster names a URN under a WebService (the released rules
// of bridge-mode services); package service declares it for its users.
const WebServiceType = "private-fargate:index:WebService"
