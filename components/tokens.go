package components

// WebServiceType is the WebService component's type token.
const WebServiceType = "private-fargate:index:WebService"
